namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>A paragraph of a document with where it sits: its page (PDFs) and the heading it falls under.</summary>
internal sealed record TextBlock(int? Page, string? Section, string Text);

internal sealed record ExtractedText(string? Title, IReadOnlyList<TextBlock> Blocks, int? PageCount)
{
    /// <summary>The pages that were read by OCR, with their confidence; empty when every page had a text layer.</summary>
    public IReadOnlyList<Ocr.OcrPage> OcrPages { get; init; } = [];

    public string FullText => string.Join("\n\n", Blocks.Select(b => b.Text));
}

/// <summary>Input that cannot become a document: a 4xx with this message, and nothing stored.</summary>
internal sealed class UnreadableDocumentException(string message, int statusCode = 400) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
