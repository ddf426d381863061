using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VoiceAssist.Knowledge.Ingestion.Ocr;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>PDFs with a text layer, through poppler's <c>pdfinfo</c> (page count, encryption, corruption) and
/// <c>pdftotext -layout</c> (text page by page, split on form feeds). Lines that look like headings (short,
/// no closing full stop, numbered, or in capitals) start a new section.</summary>
internal static partial class PdfExtractor
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Checks a PDF before it is accepted; returns its page count.</summary>
    public static async Task<int> Inspect(byte[] content, int maxPages, CancellationToken cancellationToken)
    {
        if (!IsPdf(content))
        {
            throw new UnreadableDocumentException("The file is not a PDF: it does not start with a PDF header.");
        }

        using var file = new TempFile(content);
        var (exitCode, output) = await Run("pdfinfo", [file.Path], cancellationToken);
        if (output.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase) || EncryptedYes().IsMatch(output))
        {
            throw new UnreadableDocumentException("The PDF is encrypted or password-protected; upload an unprotected copy.");
        }

        if (exitCode != 0 || PagesLine().Match(output) is not { Success: true } pages)
        {
            throw new UnreadableDocumentException("The PDF is damaged and could not be read.");
        }

        var count = int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture);
        if (count == 0)
        {
            throw new UnreadableDocumentException("The PDF has no pages.");
        }

        if (count > maxPages)
        {
            throw new UnreadableDocumentException($"The PDF has {count} pages; at most {maxPages} are accepted.");
        }

        return count;
    }

    /// <summary>The PDF header may follow a little junk, as readers allow, but must be in the first kilobyte.</summary>
    public static bool IsPdf(byte[] content) => content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) >= 0;

    /// <summary>Extracts the text of every page, reporting progress in batches of pages. A page whose text layer is
    /// empty (a scan) is rendered with <c>pdftoppm</c> and read by OCR, its confidence kept.</summary>
    public static async Task<ExtractedText> Extract(byte[] content, OcrSettings ocr, Func<string, Task> progress, CancellationToken cancellationToken)
    {
        using var file = new TempFile(content);
        var (infoExit, info) = await Run("pdfinfo", [file.Path], cancellationToken);
        if (infoExit != 0 || PagesLine().Match(info) is not { Success: true } pagesMatch)
        {
            throw new UnreadableDocumentException("The PDF is damaged and could not be read.");
        }

        var pageCount = int.Parse(pagesMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var title = TitleLine().Match(info) is { Success: true } t ? t.Groups[1].Value.Trim() : null;
        var texts = new string[pageCount + 1];
        const int batch = 10;
        for (var first = 1; first <= pageCount; first += batch)
        {
            var last = Math.Min(pageCount, first + batch - 1);
            await progress($"extracting page {first} of {pageCount}");
            var (exitCode, text) = await Run("pdftotext", ["-layout", "-enc", "UTF-8", "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture), file.Path, "-"], cancellationToken);
            if (exitCode != 0)
            {
                throw new UnreadableDocumentException("The PDF's text could not be extracted.");
            }

            var pages = text.Split('\f');
            for (var i = 0; i < pages.Length && first + i <= last; i++)
            {
                texts[first + i] = pages[i];
            }
        }

        var scanned = Enumerable.Range(1, pageCount).Where(p => !HasTextLayer(texts[p])).ToList();
        var ocrPages = new List<OcrPage>();
        if (scanned.Count > 0)
        {
            if (!ocr.Enabled)
            {
                if (scanned.Count == pageCount)
                {
                    throw new UnreadableDocumentException("The PDF has no text layer, and OCR for scanned pages is switched off (Knowledge:Ingestion:Ocr:Enabled).", 422);
                }
            }
            else
            {
                var sizes = await PageSizes(file.Path, pageCount, cancellationToken);
                using var engine = new TesseractOcr(ocr.DataPath, ocr.Language);
                foreach (var page in scanned)
                {
                    await progress($"OCR (page {page} of {pageCount})");
                    var read = await OcrPage(file.Path, page, sizes.GetValueOrDefault(page), engine, ocr, cancellationToken);
                    texts[page] = read.Text;
                    ocrPages.Add(read);
                }
            }
        }

        var blocks = new List<TextBlock>();
        string? section = null;
        for (var page = 1; page <= pageCount; page++)
        {
            AddPage(blocks, page, texts[page] ?? "", ref section);
        }

        if (blocks.Sum(b => b.Text.Length) < 20)
        {
            throw new UnreadableDocumentException(ocrPages.Count > 0
                ? "No readable text was found: the PDF has no text layer and OCR recognised no text on its pages."
                : "The PDF has no readable text.", 422);
        }

        return new ExtractedText(string.IsNullOrWhiteSpace(title) ? null : title, blocks, pageCount) { OcrPages = ocrPages };
    }

    /// <summary>A page whose text layer has fewer than ten letters or digits is treated as a scan (a page number
    /// or a stray header alone does not make a text layer).</summary>
    internal static bool HasTextLayer(string? text) => text is not null && text.Count(char.IsLetterOrDigit) >= 10;

    private static async Task<OcrPage> OcrPage(string pdf, int page, (double Width, double Height) size, TesseractOcr engine, OcrSettings ocr, CancellationToken cancellationToken)
    {
        // Render at the configured resolution unless the page is so large that its image would pass the pixel limit
        // (a decompression bomb in PDF form); then at the highest resolution that stays under it.
        var dpi = ocr.Dpi;
        if (size.Width > 0 && size.Height > 0)
        {
            var squareInches = size.Width / 72 * (size.Height / 72);
            dpi = (int)Math.Min(dpi, Math.Floor(Math.Sqrt(ocr.MaxImagePixels / squareInches)));
        }

        if (dpi < 20)
        {
            throw new UnreadableDocumentException($"Page {page} of the PDF is too large to read by OCR.");
        }

        var prefix = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"va-knowledge-{Guid.NewGuid():N}");
        var image = prefix + ".png";
        try
        {
            var number = page.ToString(CultureInfo.InvariantCulture);
            var (exitCode, _) = await Run("pdftoppm", ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, pdf, prefix], cancellationToken);
            if (exitCode != 0 || !File.Exists(image))
            {
                throw new UnreadableDocumentException($"Page {page} of the PDF could not be rendered for OCR.");
            }

            var bytes = await File.ReadAllBytesAsync(image, cancellationToken);
            var (text, confidence) = ImageExtractor.Ocr(engine, bytes, dpi);
            return new OcrPage(page, text, confidence);
        }
        finally
        {
            File.Delete(image);
        }
    }

    private static async Task<Dictionary<int, (double, double)>> PageSizes(string pdf, int pageCount, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await Run("pdfinfo", ["-f", "1", "-l", pageCount.ToString(CultureInfo.InvariantCulture), pdf], cancellationToken);
        var sizes = new Dictionary<int, (double, double)>();
        if (exitCode == 0)
        {
            foreach (Match m in PageSizeLine().Matches(output))
            {
                sizes[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] =
                    (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
            }
        }

        return sizes;
    }

    private static void AddPage(List<TextBlock> blocks, int page, string text, ref string? section)
    {
        var paragraph = new StringBuilder();
        var currentSection = section;

        void Flush()
        {
            var value = PlainTextExtractor.Normalize(paragraph.ToString());
            if (value.Length > 0)
            {
                blocks.Add(new TextBlock(page, currentSection, value));
            }

            paragraph.Clear();
        }

        var previousBlank = true;
        foreach (var raw in text.Split('\n'))
        {
            var line = PlainTextExtractor.Normalize(raw);
            if (line.Length == 0)
            {
                Flush();
                previousBlank = true;
                continue;
            }

            if (previousBlank && LooksLikeHeading(line))
            {
                Flush();
                currentSection = line;
                previousBlank = false;
                continue;
            }

            // A hyphen at a line end joins the word; anything else is a space.
            if (paragraph.Length > 0 && paragraph[^1] == '-')
            {
                paragraph.Length--;
            }
            else if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(line);
            previousBlank = false;
        }

        Flush();
        section = currentSection;
    }

    internal static bool LooksLikeHeading(string line) =>
        line.Length is >= 3 and <= 80
        && !line.EndsWith('.') && !line.EndsWith(',') && !line.EndsWith(';')
        && line.Any(char.IsLetter)
        && (NumberedHeading().IsMatch(line) || (line.Count(char.IsLetter) > 3 && line.Where(char.IsLetter).All(char.IsUpper)));

    private static async Task<(int ExitCode, string Output)> Run(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed (Debian package poppler-utils).", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ToolTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new UnreadableDocumentException("The PDF took too long to read.", 422);
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", RegexOptions.Multiline)]
    private static partial Regex PageSizeLine();

    [GeneratedRegex(@"^Title:\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^Encrypted:\s+yes", RegexOptions.Multiline)]
    private static partial Regex EncryptedYes();

    [GeneratedRegex(@"^(\d+(\.\d+)*\.?|[IVX]+\.)\s+[A-Z]")]
    private static partial Regex NumberedHeading();

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"va-knowledge-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
