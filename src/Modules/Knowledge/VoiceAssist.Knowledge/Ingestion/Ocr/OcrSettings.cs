namespace VoiceAssist.Knowledge.Ingestion.Ocr;

/// <summary>Settings for reading scanned pages (section <c>Knowledge:Ingestion:Ocr</c>).</summary>
internal sealed class OcrSettings
{
    /// <summary>Reads scanned PDF pages and image files with Tesseract; off, images are refused and a PDF without
    /// any text layer fails.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tesseract's tessdata folder; Debian's tesseract-ocr-eng installs it at the default.</summary>
    public string? DataPath { get; set; }

    public string Language { get; set; } = "eng";

    /// <summary>Resolution at which a scanned PDF page is rendered for OCR (Tesseract reads body text best at 300).</summary>
    public int Dpi { get; set; } = 300;

    /// <summary>The largest image, in pixels, that is decoded: an image header claiming more is refused before its
    /// pixels are decompressed, and a huge PDF page is rendered at a lower resolution to stay under it.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;
}
