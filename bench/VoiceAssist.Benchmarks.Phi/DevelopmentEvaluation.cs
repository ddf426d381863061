using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bogus.Bson;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Scores the detector on the two development sets, span by span with any-overlap matching (the gold spans
/// of the nursing notes re-aligned to token boundaries first, see <see cref="DevelopmentSets.Realign"/>).
/// <para>Per gold label: recall, the share of its spans that some finding overlaps, whatever the finding's type.
/// Per finding type: precision, the share of findings that overlap some gold span, whatever its label.</para>
/// <para>HIPAA: the gold spans that are Safe Harbor identifiers (<see cref="IsHipaa"/>), type-agnostic. Recall is the
/// share of them overlapped by a finding; precision the share of findings that overlap any gold span; uncovered is
/// the share of the letters and digits of those spans that no finding covers.</para></summary>
internal static partial class DevelopmentEvaluation
{
    public static void Run(string directory, int errorsToShow, int seconds, TextWriter output)
    {
        var physionet = DevelopmentSets.ReadPhysioNet(Path.Combine(directory, "physionet-deid-train.jsonl"));
        var presidio = DevelopmentSets.ReadPresidio(Path.Combine(directory, "presidio-synth-dev.json"));
        var detector = new PhiDetector();
        var countries = Countries();
        foreach (var (name, documents, synthetic) in new[] { ("nursing notes (PhysioNet deid)", physionet, false), ("synthetic (presidio-research)", presidio, true) })
        {
            var findings = documents.ToDictionary(d => d, d => detector.Detect(d.Text));
            foreach (var (part, selection) in new[]
                     {
                         ("tuning part", documents.Where(d => !d.IsHeldOut).ToList()),
                         ("held-out part", documents.Where(d => d.IsHeldOut).ToList()),
                         ("whole set", documents),
                     })
            {
                var score = Score(selection, findings, synthetic, countries);
                score.Print(output, $"{name}, {part}: {selection.Count} documents");
                output.WriteLine($"load average: {LoadAverage()}");
                output.WriteLine();
            }

            if (errorsToShow > 0)
            {
                var tuning = Score(documents.Where(d => !d.IsHeldOut).ToList(), findings, synthetic, countries);
                foreach (var error in tuning.Misses.Take(errorsToShow))
                {
                    output.WriteLine(error);
                }

                foreach (var error in tuning.FalseAlarms.Take(errorsToShow))
                {
                    output.WriteLine(error);
                }

                output.WriteLine();
            }
        }

        if (seconds > 0)
        {
            Throughput(physionet.Concat(presidio).Select(d => d.Text).ToList(), TimeSpan.FromSeconds(seconds), output);
        }
    }

    /// <summary>Detection over every text of both sets in turn on one thread, after a warm-up, in MB (10^6 bytes
    /// of UTF-8) per second.</summary>
    private static void Throughput(List<string> texts, TimeSpan duration, TextWriter output)
    {
        var detector = new PhiDetector();
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            detector.Detect(texts[i % texts.Count]);
        }

        long bytes = 0;
        var documents = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var text = texts[documents++ % texts.Count];
            detector.Detect(text);
            bytes += Encoding.UTF8.GetByteCount(text);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detection throughput, 1 thread: {bytes / 1e6 / elapsed:0.00} MB/s ({documents} documents, {bytes / 1e6:0.0} MB in {elapsed:0.0} s)"));
        output.WriteLine($"load average: {LoadAverage()}");
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unavailable";
        }
    }

    /// <summary>Kinds of hospital unit: they name a sort of ward found in every hospital, not a place smaller than a
    /// state, and the nursing-note annotators marked them only sometimes ("MICU" half the time, "CCU" almost never).</summary>
    private static readonly HashSet<string> WardKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "icu", "micu", "sicu", "ccu", "csru", "cticu", "ctic", "tsicu", "nicu", "picu", "pacu", "cvicu", "pmicu", "p-micu", "tcu", "ir", "er", "ew", "ed",
        "or", "cath", "lab", "floor", "unit", "ward", "step", "down", "stepdown", "med", "medicine", "nuclear", "radiology", "dialysis", "hd", "micua",
        "micub", "a", "b", "w", "e", "n", "s", "west", "east", "north", "south",
    };

    /// <summary>Whether a gold span is a Safe Harbor identifier: names, dates more specific than a year, ages over
    /// 89, places smaller than a state (streets, towns, postcodes, and on the nursing notes the named hospitals and
    /// wards), contact details, network addresses and account or record numbers. Professions, titles,
    /// nationalities, countries, states and provinces, kinds of hospital unit ("MICU", "cath lab", "7 West") are
    /// not, nor (on the synthetic set) company names.</summary>
    public static bool IsHipaa(string label, string value, bool synthetic, HashSet<string> countries)
    {
        var trimmed = value.Trim().Trim('.', ',', ';', ':', '(', ')');
        var states = PhiDictionaries.Shared;
        if (label.ToUpperInvariant() is "LOCATION" or "GPE"
            && (countries.Contains(trimmed) || states.StateNames.Contains(trimmed) || states.StateAbbreviations.ContainsKey(trimmed.ToUpperInvariant())
                || countries.Contains(ThePrefixRegex().Replace(trimmed, ""))))
        {
            return false;
        }

        if (!synthetic && label.ToUpperInvariant() is "LOCATION" or "ORGANIZATION"
            && WordRegex().Matches(trimmed).All(w => WardKinds.Contains(w.Value) || w.Value.All(char.IsDigit)))
        {
            return false;
        }

        switch (label.ToUpperInvariant())
        {
            case "PROFESSION" or "TITLE" or "NRP":
                return false;
            case "ORGANIZATION":
                return !synthetic;
            case "AGE":
                return int.TryParse(DigitsRegex().Match(trimmed).Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age > 89;
            case "DATE" or "DATE_TIME":
                return !YearRegex().IsMatch(trimmed);
            case "GPE" or "LOCATION" when synthetic:
                return !countries.Contains(trimmed) && !StateCodeRegex().IsMatch(trimmed);
            default:
                return true;
        }
    }

    private static Score Score(List<GoldDocument> documents, Dictionary<GoldDocument, IReadOnlyList<PhiSpan>> findings, bool synthetic, HashSet<string> countries)
    {
        var score = new Score();
        foreach (var document in documents)
        {
            var predicted = findings[document];
            var text = document.Text;
            var covered = new bool[text.Length];
            foreach (var p in predicted)
            {
                Array.Fill(covered, true, p.Start, p.End - p.Start);
            }

            foreach (var gold in document.Spans)
            {
                var hit = predicted.Any(p => p.Start < gold.End && gold.Start < p.End);
                score.Label(gold.Label).Add(hit);
                var value = text[gold.Start..gold.End];
                if (!IsHipaa(gold.Label, value, synthetic, countries))
                {
                    continue;
                }

                score.Hipaa.Add(hit);
                for (var i = gold.Start; i < gold.End; i++)
                {
                    if (char.IsLetterOrDigit(text[i]))
                    {
                        score.PhiCharacters++;
                        score.UncoveredCharacters += covered[i] ? 0 : 1;
                    }
                }

                if (!hit)
                {
                    score.Misses.Add($"MISS {gold.Label} '{value.ReplaceLineEndings(" ")}' in \"{Context(text, gold.Start, gold.End)}\" [{document.Id}]");
                }
            }

            foreach (var p in predicted)
            {
                var correct = document.Spans.Any(g => g.Start < p.End && p.Start < g.End);
                score.Type(p.Type).Add(correct);
                score.Findings.Add(correct);
                if (!correct)
                {
                    score.FalseAlarms.Add($"FALSE {p.Type} {p.Confidence:0.00} '{text[p.Start..p.End].ReplaceLineEndings(" ")}' in \"{Context(text, p.Start, p.End)}\" [{document.Id}]");
                }
            }
        }

        return score;
    }

    private static string Context(string text, int start, int end)
    {
        var from = Math.Max(0, start - 40);
        var to = Math.Min(text.Length, end + 40);
        return (text[from..start] + "[[" + text[start..end] + "]]" + text[end..to]).ReplaceLineEndings(" ");
    }

    /// <summary>Country names in every locale Bogus ships (English, German, French, Spanish...).</summary>
    private static HashSet<string> Countries()
    {
        var countries = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "United States", "USA", "UK", "United Kingdom", "Europe", "Asia", "Africa", "America", "North America", "South America", "Central America", "Scandinavia", "Caribbean" };
        foreach (var locale in Bogus.Database.GetAllLocales())
        {
            if (Bogus.Database.GetLocale(locale) is BObject root && root.ContainsKey("address") && root["address"] is BObject address
                && address.ContainsKey("country") && address["country"] is BArray list)
            {
                foreach (BValue value in list)
                {
                    countries.Add(value.StringValue);
                }
            }
        }

        return countries;
    }

    [GeneratedRegex(@"^the\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ThePrefixRegex();

    [GeneratedRegex(@"[\p{L}\d]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"^(?:(?:19|20)\d\d|['’]\d\d|\d\d['’]|(?:19|20)?\d0'?s)$", RegexOptions.IgnoreCase)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"^[A-Z]{2}$")]
    private static partial Regex StateCodeRegex();
}

internal sealed class Tally
{
    public int Total { get; private set; }

    public int Hits { get; private set; }

    public double Rate => Total == 0 ? 1 : (double)Hits / Total;

    public void Add(bool hit)
    {
        Total++;
        Hits += hit ? 1 : 0;
    }
}

internal sealed class Score
{
    public SortedDictionary<string, Tally> ByLabel { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, Tally> ByType { get; } = new(StringComparer.Ordinal);

    public Tally Hipaa { get; } = new();

    public Tally Findings { get; } = new();

    public long PhiCharacters { get; set; }

    public long UncoveredCharacters { get; set; }

    public List<string> Misses { get; } = [];

    public List<string> FalseAlarms { get; } = [];

    public Tally Label(string label) => Get(ByLabel, label);

    public Tally Type(string type) => Get(ByType, type);

    public void Print(TextWriter output, string title)
    {
        output.WriteLine(title);
        output.WriteLine(string.Join("  ", ByLabel.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} recall {kv.Value.Rate:0.000} ({kv.Value.Hits}/{kv.Value.Total})"))));
        output.WriteLine(string.Join("  ", ByType.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} precision {kv.Value.Rate:0.000} ({kv.Value.Hits}/{kv.Value.Total})"))));
        var uncovered = PhiCharacters == 0 ? 0 : (double)UncoveredCharacters / PhiCharacters;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HIPAA any-overlap: recall {Hipaa.Rate:0.000} ({Hipaa.Hits}/{Hipaa.Total})  precision {Findings.Rate:0.000} ({Findings.Hits}/{Findings.Total})  uncovered PHI characters {uncovered:0.0%} ({UncoveredCharacters}/{PhiCharacters})"));
    }

    private static Tally Get(SortedDictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }

        return tally;
    }
}
