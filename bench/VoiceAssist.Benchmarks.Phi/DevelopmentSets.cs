using System.Text;
using System.Text.Json;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>A gold span of a development set, with its label as the corpus writes it.</summary>
internal sealed record GoldSpan(int Start, int End, string Label);

/// <summary>One document of a development set. <see cref="Group"/> decides the tuning/held-out split: the note id
/// for the nursing notes, the template for the synthetic set (so held-out synthetic documents come from templates
/// never looked at while tuning).</summary>
internal sealed record GoldDocument(string Id, string Group, string Text, IReadOnlyList<GoldSpan> Spans)
{
    /// <summary>A third of the groups, chosen by FNV-1a hash of the group key, are held out.</summary>
    public bool IsHeldOut => Fnv1a(Group) % 3 == 0;

    public static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}

/// <summary>Readers for the two development formats: PhysioNet deid notes as JSON lines
/// (<c>{"document": {"id", "text"}, "spans": [{"start", "end", "label"}]}</c>) and presidio-research's synthetic set
/// as one JSON array (<c>{full_text, spans: [{entity_type, start_position, end_position}], template_id}</c>).</summary>
internal static class DevelopmentSets
{
    public static List<GoldDocument> ReadPhysioNet(string path)
    {
        var documents = new List<GoldDocument>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var document = json.RootElement.GetProperty("document");
            var id = document.GetProperty("id").GetString() ?? throw new InvalidDataException($"{path}: a document has no id.");
            var text = document.GetProperty("text").GetString() ?? "";
            var spans = json.RootElement.GetProperty("spans").EnumerateArray()
                .Select(s => Realign(text, s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), s.GetProperty("label").GetString()!))
                .Where(s => s is not null)
                .Select(s => s!)
                .ToList();
            documents.Add(new GoldDocument(id, id, text, spans));
        }

        return documents;
    }

    public static List<GoldDocument> ReadPresidio(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var documents = new List<GoldDocument>();
        var index = 0;
        foreach (var item in json.RootElement.EnumerateArray())
        {
            var text = item.GetProperty("full_text").GetString() ?? "";
            var template = item.GetProperty("template_id").ToString();
            var spans = item.GetProperty("spans").EnumerateArray()
                .Select(s => new GoldSpan(s.GetProperty("start_position").GetInt32(), s.GetProperty("end_position").GetInt32(), s.GetProperty("entity_type").GetString()!))
                .Where(s => s.End > s.Start && s.End <= text.Length)
                .ToList();
            documents.Add(new GoldDocument($"doc{index++}", "template " + template, text, spans));
        }

        return documents;
    }

    /// <summary>Some spans of the BRAT conversion are shifted by 1 to 4 characters ("icholson " for "Nicholson").
    /// The nearest shift (0, -1, +1, ... ±4) at which the span, trimmed of blanks, starts and ends on a token
    /// boundary wins; failing that, the trimmed span is widened to the tokens it touches.</summary>
    public static GoldSpan? Realign(string text, int start, int end, string label)
    {
        foreach (var shift in new[] { 0, -1, 1, -2, 2, -3, 3, -4, 4 })
        {
            var (s, e) = Trim(text, start + shift, end + shift);
            if (s >= 0 && e <= text.Length && s < e && IsTokenStart(text, s) && IsTokenEnd(text, e))
            {
                return new GoldSpan(s, e, label);
            }
        }

        var (ts, te) = Trim(text, Math.Max(0, start), Math.Min(text.Length, end));
        if (ts >= te)
        {
            return null;
        }

        while (ts > 0 && char.IsLetterOrDigit(text[ts - 1]) && char.IsLetterOrDigit(text[ts]))
        {
            ts--;
        }

        while (te < text.Length && char.IsLetterOrDigit(text[te]) && char.IsLetterOrDigit(text[te - 1]))
        {
            te++;
        }

        return new GoldSpan(ts, te, label);
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        if (start < 0 || end > text.Length || start >= end)
        {
            return (-1, -1);
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsTokenStart(string text, int i) =>
        !char.IsLetterOrDigit(text[i]) || i == 0 || !char.IsLetterOrDigit(text[i - 1]);

    private static bool IsTokenEnd(string text, int e) =>
        !char.IsLetterOrDigit(text[e - 1]) || e == text.Length || !char.IsLetterOrDigit(text[e]);
}
