using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

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

    /// <summary>Extracts the text of every page, reporting progress in batches of pages.</summary>
    public static async Task<ExtractedText> Extract(byte[] content, Func<int, int, Task> progress, CancellationToken cancellationToken)
    {
        using var file = new TempFile(content);
        var (infoExit, info) = await Run("pdfinfo", [file.Path], cancellationToken);
        if (infoExit != 0 || PagesLine().Match(info) is not { Success: true } pagesMatch)
        {
            throw new UnreadableDocumentException("The PDF is damaged and could not be read.");
        }

        var pageCount = int.Parse(pagesMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var title = TitleLine().Match(info) is { Success: true } t ? t.Groups[1].Value.Trim() : null;
        var blocks = new List<TextBlock>();
        string? section = null;
        const int batch = 10;
        for (var first = 1; first <= pageCount; first += batch)
        {
            var last = Math.Min(pageCount, first + batch - 1);
            await progress(first, pageCount);
            var (exitCode, text) = await Run("pdftotext", ["-layout", "-enc", "UTF-8", "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture), file.Path, "-"], cancellationToken);
            if (exitCode != 0)
            {
                throw new UnreadableDocumentException("The PDF's text could not be extracted.");
            }

            var pages = text.Split('\f');
            for (var i = 0; i < pages.Length && first + i <= last; i++)
            {
                AddPage(blocks, first + i, pages[i], ref section);
            }
        }

        if (blocks.Sum(b => b.Text.Length) < 20)
        {
            throw new UnreadableDocumentException("The PDF has no text layer (scanned pages need OCR, which is not available).", 422);
        }

        return new ExtractedText(string.IsNullOrWhiteSpace(title) ? null : title, blocks, pageCount);
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
