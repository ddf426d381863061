using System.Globalization;
using System.Text.RegularExpressions;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Token-level scoring. The text is cut into tokens (runs of letters and digits); a token is gold-labelled
/// with the type of the annotated span that covers any of its characters, and predicted-labelled the same way.
/// Per type: a true positive is a token with that type in both, a false positive a token predicted with it but
/// gold-labelled otherwise (or not at all), a false negative the reverse. "any PHI" ignores the types: what a
/// redaction would have hidden. F2 weighs recall twice as much as precision.</summary>
internal static partial class Evaluation
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PATIENT"] = "NAME", ["DOCTOR"] = "NAME", ["USERNAME"] = "NAME", ["PERSON"] = "NAME", ["NAME"] = "NAME",
        ["MEDICALRECORD"] = "MRN", ["MEDICAL_RECORD"] = "MRN", ["HEALTHPLAN"] = "HEALTH_PLAN", ["IDNUM"] = "ID", ["BIOID"] = "ID",
        ["STREET"] = "ADDRESS", ["LOCATION-OTHER"] = "ADDRESS", ["IPADDR"] = "IP", ["IPADDRESS"] = "IP", ["ORG"] = "ORGANIZATION",
    };

    public static async Task<Report> Run(IReadOnlyList<AnnotatedDocument> documents, IPhiSource source)
    {
        var counts = new Dictionary<string, Counts>(StringComparer.Ordinal);
        var any = new Counts();
        var errors = new List<string>();
        foreach (var document in documents)
        {
            var predicted = await source.Detect(document.Text);
            foreach (Match token in TokenRegex().Matches(document.Text))
            {
                var gold = TypeAt(document.Spans, token.Index, token.Index + token.Length);
                var guess = TypeAt(predicted, token.Index, token.Index + token.Length);
                if (gold is null && guess is null)
                {
                    continue;
                }

                any.Add(gold is not null, guess is not null);
                if (gold == guess)
                {
                    Of(counts, gold!).TruePositives++;
                    continue;
                }

                if (gold is not null)
                {
                    Of(counts, gold).FalseNegatives++;
                }

                if (guess is not null)
                {
                    Of(counts, guess).FalsePositives++;
                }

                errors.Add($"{(gold is null ? "FP" : guess is null ? "FN" : "TYPE")} gold={gold ?? "-"} predicted={guess ?? "-"} '{token.Value}' in \"{Context(document.Text, token.Index, token.Length)}\"");
            }
        }

        return new Report(documents.Count, counts, any, errors);
    }

    private static string? TypeAt(IReadOnlyList<AnnotatedSpan> spans, int start, int end)
    {
        foreach (var span in spans)
        {
            if (span.Start < end && start < span.End)
            {
                return Aliases.GetValueOrDefault(span.Type, span.Type.ToUpperInvariant());
            }
        }

        return null;
    }

    private static Counts Of(Dictionary<string, Counts> counts, string type)
    {
        if (!counts.TryGetValue(type, out var c))
        {
            counts[type] = c = new Counts();
        }

        return c;
    }

    private static string Context(string text, int index, int length)
    {
        var from = Math.Max(0, index - 30);
        var to = Math.Min(text.Length, index + length + 30);
        return text[from..to].ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenRegex();
}

internal sealed class Counts
{
    public int TruePositives { get; set; }

    public int FalsePositives { get; set; }

    public int FalseNegatives { get; set; }

    public int Gold => TruePositives + FalseNegatives;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Gold == 0 ? 1 : (double)TruePositives / Gold;

    public double F2 => Precision + Recall == 0 ? 0 : 5 * Precision * Recall / ((4 * Precision) + Recall);

    public void Add(bool gold, bool predicted)
    {
        if (gold && predicted)
        {
            TruePositives++;
        }
        else if (gold)
        {
            FalseNegatives++;
        }
        else if (predicted)
        {
            FalsePositives++;
        }
    }
}

internal sealed record Report(int Documents, Dictionary<string, Counts> ByType, Counts AnyPhi, List<string> Errors)
{
    public void Print(TextWriter output, string setName, int errorsToShow)
    {
        output.WriteLine($"{setName}: {Documents} documents, token-level matching");
        output.WriteLine($"{"type",-14} {"gold",6} {"tp",6} {"fp",6} {"fn",6} {"precision",10} {"recall",8} {"F2",6}");
        foreach (var (type, c) in ByType.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Line(output, type, c);
        }

        var typed = new Counts
        {
            TruePositives = ByType.Values.Sum(c => c.TruePositives),
            FalsePositives = ByType.Values.Sum(c => c.FalsePositives),
            FalseNegatives = ByType.Values.Sum(c => c.FalseNegatives),
        };
        Line(output, "ALL (typed)", typed);
        Line(output, "ANY PHI", AnyPhi);
        foreach (var error in Errors.Take(errorsToShow))
        {
            output.WriteLine(error);
        }
    }

    private static void Line(TextWriter output, string type, Counts c) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{type,-14} {c.Gold,6} {c.TruePositives,6} {c.FalsePositives,6} {c.FalseNegatives,6} {c.Precision,10:0.000} {c.Recall,8:0.000} {c.F2,6:0.000}"));
}
