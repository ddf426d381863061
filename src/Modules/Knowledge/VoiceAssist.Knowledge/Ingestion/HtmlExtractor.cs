using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>HTML: the page's main content (<c>main</c>, <c>article</c> or <c>[role=main]</c>, else the body without
/// navigation, headers, footers, asides, forms and scripts), as paragraphs under their nearest heading.</summary>
internal static class HtmlExtractor
{
    private static readonly string[] Boilerplate = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe", "button"];
    private static readonly HashSet<string> Headings = new(StringComparer.OrdinalIgnoreCase) { "H1", "H2", "H3", "H4", "H5", "H6" };
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase) { "P", "LI", "BLOCKQUOTE", "PRE", "TD", "TH", "DD", "DT", "FIGCAPTION", "CAPTION" };

    public static ExtractedText Extract(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = document.QuerySelector("main") ?? document.QuerySelector("[role=main]") ?? document.QuerySelector("article") ?? document.Body;
        var title = PlainTextExtractor.Normalize(document.Title ?? "");
        if (root is null)
        {
            return new ExtractedText(title.Length > 0 ? title : null, [], null);
        }

        foreach (var element in root.QuerySelectorAll(string.Join(',', Boilerplate)).ToList())
        {
            element.Remove();
        }

        var blocks = new List<TextBlock>();
        string? section = null;
        Walk(root, blocks, ref section);
        if (title.Length == 0)
        {
            title = document.QuerySelector("h1") is { } h1 ? PlainTextExtractor.Normalize(h1.TextContent) : "";
        }

        return new ExtractedText(title.Length > 0 ? title : null, blocks, null);
    }

    private static void Walk(IElement element, List<TextBlock> blocks, ref string? section)
    {
        foreach (var node in element.ChildNodes)
        {
            if (node is IText text)
            {
                // Loose text directly inside a container (no <p>) is still content.
                var loose = PlainTextExtractor.Normalize(text.Text);
                if (loose.Length > 20)
                {
                    blocks.Add(new TextBlock(null, section, loose));
                }

                continue;
            }

            if (node is not IElement child)
            {
                continue;
            }

            if (Headings.Contains(child.TagName))
            {
                var heading = PlainTextExtractor.Normalize(child.TextContent);
                if (heading.Length > 0)
                {
                    section = heading;
                }
            }
            else if (Paragraphs.Contains(child.TagName) && child.QuerySelectorAll("p,li,h1,h2,h3,h4,h5,h6,table").Length == 0)
            {
                var value = PlainTextExtractor.Normalize(child.TextContent);
                if (value.Length > 0)
                {
                    blocks.Add(new TextBlock(null, section, value));
                }
            }
            else
            {
                Walk(child, blocks, ref section);
            }
        }
    }
}
