using System.Text;
using System.Text.RegularExpressions;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>Plain text and Markdown: paragraphs split on blank lines; Markdown headings (and underlined
/// headings) become section titles, and inline markup is dropped so that only the words are indexed.</summary>
internal static partial class PlainTextExtractor
{
    public static ExtractedText FromPlainText(string text) => new(null, Paragraphs(text, markdown: false), null);

    public static ExtractedText FromMarkdown(string text)
    {
        var blocks = Paragraphs(text, markdown: true);
        var title = MarkdownHeading().Match(text) is { Success: true } m ? Inline(m.Groups[2].Value) : null;
        return new ExtractedText(title, blocks, null);
    }

    private static List<TextBlock> Paragraphs(string text, bool markdown)
    {
        var blocks = new List<TextBlock>();
        string? section = null;
        var paragraph = new StringBuilder();
        var inCode = false;

        void Flush()
        {
            var value = Normalize(paragraph.ToString());
            if (value.Length > 0)
            {
                blocks.Add(new TextBlock(null, section, value));
            }

            paragraph.Clear();
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (markdown && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (markdown && !inCode && MarkdownHeading().Match(line) is { Success: true } heading)
            {
                Flush();
                section = Inline(heading.Groups[2].Value);
                continue;
            }

            if (markdown && !inCode && i + 1 < lines.Length && line.Trim().Length > 0 && SetextUnderline().IsMatch(lines[i + 1]) && paragraph.Length == 0)
            {
                section = Inline(line.Trim());
                i++;
                continue;
            }

            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            var content = markdown ? Inline(ListMarker().Replace(line, "")) : line;
            paragraph.Append(content.Trim()).Append(' ');
        }

        Flush();
        return blocks;
    }

    /// <summary>Drops Markdown's inline markup: links keep their text, images their alt text; emphasis, code and
    /// HTML tags disappear.</summary>
    private static string Inline(string text)
    {
        text = MarkdownImage().Replace(text, "$1");
        text = MarkdownLink().Replace(text, "$1");
        text = HtmlTag().Replace(text, "");
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        text = Emphasis().Replace(text, "$1");
        return text.Trim().TrimEnd('#').Trim();
    }

    internal static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\s{0,3}(=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(?<![\w*])[*_]([^*_]+)[*_](?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
