using System.Globalization;
using System.Text;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Answers;

/// <summary>An AMA-style (AMA Manual of Style, 11th ed.) reference for a knowledge-base document:
/// "Title. Publisher. Version. Published Month D, YYYY. Accessed Month D, YYYY. URL" (parts that are unknown are left out;
/// a PubMed record, whose external id is its PMID, ends "PMID: n").</summary>
internal static class AmaReference
{
    public static string For(RankedPassage passage, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var reference = new StringBuilder();
        Append(reference, DisplayTitle(passage));
        Append(reference, passage.Publisher);
        if (!string.IsNullOrWhiteSpace(passage.Version))
        {
            Append(reference, passage.Version.StartsWith("Version", StringComparison.OrdinalIgnoreCase) ? passage.Version : $"Version {passage.Version}");
        }

        if (passage.PublishedOn is { } published)
        {
            Append(reference, "Published " + Date(published));
        }

        if (!string.IsNullOrWhiteSpace(passage.Url))
        {
            Append(reference, "Accessed " + Date(accessed));
            reference.Append(' ').Append(passage.Url);
        }
        else if (passage.ExternalId is { } id && id.All(char.IsAsciiDigit) && (passage.Publisher?.Contains("PubMed", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            Append(reference, "PMID: " + id);
        }
        else if (passage.ExternalId is { } other)
        {
            Append(reference, "Document ID: " + other);
        }

        return reference.ToString().Trim();
    }

    /// <summary>Citation number <paramref name="number"/>: the document, page, section, the exact passage and its reference.</summary>
    public static KnowledgeCitation Citation(int number, RankedPassage passage, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return new KnowledgeCitation(number, passage.DocumentId, passage.ExternalId, DisplayTitle(passage), passage.Page, passage.Section, passage.Text, For(passage, accessed));
    }

    public static string DisplayTitle(RankedPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return string.IsNullOrWhiteSpace(passage.Title) ? $"Document {passage.ExternalId ?? passage.DocumentId.ToString()}" : passage.Title.Trim();
    }

    private static void Append(StringBuilder reference, string? part)
    {
        if (string.IsNullOrWhiteSpace(part))
        {
            return;
        }

        part = part.Trim();
        reference.Append(reference.Length > 0 ? " " : "").Append(part);
        if (!part.EndsWith('.') && !part.EndsWith('?') && !part.EndsWith('!'))
        {
            reference.Append('.');
        }
    }

    private static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
