using System.Runtime.InteropServices;
using VoiceAssist.Knowledge.Ingestion.Ocr;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>Scanned pages as image files (PNG, JPEG, TIFF, multi-page TIFF), decoded by Leptonica and read by
/// Tesseract. The header is checked against the pixel limit before any pixels are decompressed.</summary>
internal static class ImageExtractor
{
    public static string? Format(ReadOnlySpan<byte> content) => content switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => "tiff",
        _ => null,
    };

    /// <summary>Checks an image before it is accepted: a known format whose header can be read and whose size is
    /// within <see cref="OcrSettings.MaxImagePixels"/>.</summary>
    public static void Inspect(byte[] content, string expectedFormat, OcrSettings ocr)
    {
        if (!ocr.Enabled)
        {
            throw new UnreadableDocumentException("Images are read by OCR, which is switched off on this server.", 415);
        }

        if (Format(content) != expectedFormat)
        {
            throw new UnreadableDocumentException($"The file is not a {expectedFormat.ToUpperInvariant()} image: its first bytes do not match.", 415);
        }

        var (width, height) = Header(content);
        CheckPixels(width, height, ocr.MaxImagePixels);
    }

    public static async Task<ExtractedText> Extract(byte[] content, OcrSettings ocr, int maxPages, Func<string, Task> progress, CancellationToken cancellationToken)
    {
        var (width, height) = Header(content);
        CheckPixels(width, height, ocr.MaxImagePixels);
        using var engine = new TesseractOcr(ocr.DataPath, ocr.Language);
        var pages = new List<OcrPage>();
        var tiff = Format(content) == "tiff";
        for (var page = 1; page <= maxPages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await progress(tiff ? $"OCR (page {page})" : "OCR (page 1 of 1)");
            var pix = Decode(content, tiff ? page - 1 : -1);
            if (pix == 0)
            {
                if (page == 1)
                {
                    throw new UnreadableDocumentException("The image is damaged and could not be decoded.");
                }

                break;
            }

            try
            {
                CheckPixels(TesseractNative.pixGetWidth(pix), TesseractNative.pixGetHeight(pix), ocr.MaxImagePixels);
                var (text, confidence) = engine.Read(pix, ocr.Dpi);
                pages.Add(new OcrPage(page, text, confidence));
            }
            finally
            {
                TesseractNative.pixDestroy(ref pix);
            }

            if (!tiff)
            {
                break;
            }
        }

        var blocks = new List<TextBlock>();
        foreach (var page in pages)
        {
            foreach (var paragraph in page.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var text = PlainTextExtractor.Normalize(paragraph.Replace("-\n", "", StringComparison.Ordinal).Replace('\n', ' '));
                if (text.Length > 0)
                {
                    blocks.Add(new TextBlock(page.Page, null, text));
                }
            }
        }

        if (blocks.Sum(b => b.Text.Length) < 20)
        {
            throw new UnreadableDocumentException("No readable text was found in the image by OCR.", 422);
        }

        return new ExtractedText(null, blocks, pages.Count) { OcrPages = pages };
    }

    /// <summary>OCR of one encoded page image.</summary>
    internal static (string Text, int Confidence) Ocr(TesseractOcr engine, byte[] image, int dpi)
    {
        var pix = Decode(image, -1);
        if (pix == 0)
        {
            throw new UnreadableDocumentException("A page image could not be decoded for OCR.");
        }

        try
        {
            return engine.Read(pix, dpi);
        }
        finally
        {
            TesseractNative.pixDestroy(ref pix);
        }
    }

    private static (int Width, int Height) Header(byte[] content)
    {
        if (content.Length < 8
            || TesseractNative.pixReadHeaderMem(ref MemoryMarshal.GetArrayDataReference(content), (nuint)content.Length, out _, out var width, out var height, out _, out _, out _) != 0
            || width <= 0 || height <= 0)
        {
            throw new UnreadableDocumentException("The image is damaged: its header could not be read.");
        }

        return (width, height);
    }

    private static void CheckPixels(long width, long height, long maxPixels)
    {
        if (width * height > maxPixels)
        {
            throw new UnreadableDocumentException($"The image is {width:N0} × {height:N0} pixels; at most {maxPixels:N0} pixels are decoded (a larger image is refused as a possible decompression bomb).");
        }
    }

    private static nint Decode(byte[] content, int tiffPage) => tiffPage >= 0
        ? TesseractNative.pixReadMemTiff(ref MemoryMarshal.GetArrayDataReference(content), (nuint)content.Length, tiffPage)
        : TesseractNative.pixReadMem(ref MemoryMarshal.GetArrayDataReference(content), (nuint)content.Length);
}
