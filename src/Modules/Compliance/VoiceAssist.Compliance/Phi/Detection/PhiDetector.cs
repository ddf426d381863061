using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Finds protected health information in clinical free text: pattern, name and place recognisers propose
/// scored candidates; names found with good evidence are then looked for again across the whole text; finally
/// overlaps are settled in favour of the more certain (and, at similar certainty, the longer) candidate and
/// everything under the confidence threshold is dropped. Thread-safe and free of I/O.</summary>
internal sealed class PhiDetector
{
    public const double DefaultMinimumConfidence = 0.5;

    private readonly NameRecognizer names;
    private readonly LocationRecognizer locations;
    private readonly PhiDictionaries dictionaries;

    public PhiDetector(double minimumConfidence = DefaultMinimumConfidence)
        : this(PhiDictionaries.Shared, minimumConfidence)
    {
    }

    public PhiDetector(PhiDictionaries dictionaries, double minimumConfidence)
    {
        this.dictionaries = dictionaries;
        MinimumConfidence = minimumConfidence;
        names = new NameRecognizer(dictionaries);
        locations = new LocationRecognizer(dictionaries);
    }

    public double MinimumConfidence { get; }

    public IReadOnlyList<PhiSpan> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var tokens = Tokenizer.Tokenize(text);
        var casing = Tokenizer.CaseOf(text, tokens);
        var candidates = new List<PhiSpan>();
        PatternRecognizer.Find(text, candidates);
        names.Find(tokens, candidates, casing);
        locations.Find(text, tokens, candidates, casing);
        Propagate(tokens, candidates, casing);
        return Resolve(text, candidates);
    }

    /// <summary>A name found once with good evidence ("Dr. Okafor") is a name wherever else it is capitalised
    /// in the same text ("Okafor agreed"), unless it is used as an eponym there.</summary>
    private void Propagate(List<Token> tokens, List<PhiSpan> candidates, TextCase casing)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var span in candidates.Where(c => c.Type == PhiTypes.Name && c.Confidence >= 0.8))
        {
            foreach (var token in tokens.Where(t => t.IsWord && t.Start >= span.Start && t.End <= span.End && t.Text.Length >= 2))
            {
                if (!dictionaries.ClinicalTerms.Contains(token.Text) && !dictionaries.ClinicalAbbreviations.Contains(token.Text)
                    && (casing == TextCase.Mixed || !dictionaries.EnglishWords.Contains(token.Lower)))
                {
                    known.Add(token.Text);
                }
            }
        }

        // A hospital named once ("transferred to GH") is that hospital wherever its distinctive word recurs.
        var places = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var span in candidates.Where(c => c.Type == PhiTypes.Hospital && c.Confidence >= 0.75))
        {
            foreach (var token in tokens.Where(t => t.IsWord && t.Start >= span.Start && t.End <= span.End && t.Text.Length >= 2))
            {
                if (!dictionaries.IsCommonWord(token.Text) && !dictionaries.EnglishWords.Contains(token.Lower))
                {
                    places.Add(token.Text);
                }
            }
        }

        if (places.Count > 0)
        {
            foreach (var token in tokens.Where(t => t.IsWord && places.Contains(t.Text) && (casing != TextCase.Mixed || t.IsCapitalized)))
            {
                candidates.Add(new PhiSpan(token.Start, token.End, PhiTypes.Hospital, 0.75));
            }
        }

        if (known.Count == 0)
        {
            return;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsWord && (token.IsCapitalized || token.IsAllCaps || casing != TextCase.Mixed) && known.Contains(token.Text) && !NameRecognizer.IsEponym(tokens, i))
            {
                candidates.Add(new PhiSpan(token.Start, token.End, PhiTypes.Name, 0.8));
            }
        }
    }

    private List<PhiSpan> Resolve(string text, List<PhiSpan> candidates)
    {
        var accepted = new List<PhiSpan>();
        foreach (var candidate in candidates
                     .Where(c => c.Confidence >= MinimumConfidence && c.Length > 0)
                     .OrderByDescending(c => c.Confidence + (0.005 * Math.Min(c.Length, 40)))
                     .ThenBy(c => c.Start))
        {
            var overlap = accepted.FindIndex(a => a.Overlaps(candidate));
            if (overlap < 0)
            {
                accepted.Add(candidate);
            }
            else if (accepted[overlap].Type == candidate.Type && candidate.Type is PhiTypes.Address or PhiTypes.Name or PhiTypes.City or PhiTypes.Hospital
                     && (candidate.Start < accepted[overlap].Start || candidate.End > accepted[overlap].End))
            {
                // Two readings of the same identifier: keep the whole of both.
                var union = accepted[overlap] with { Start = Math.Min(candidate.Start, accepted[overlap].Start), End = Math.Max(candidate.End, accepted[overlap].End) };
                accepted.RemoveAt(overlap);
                accepted.RemoveAll(a => a.Overlaps(union));
                accepted.Add(union);
            }
        }

        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<PhiSpan>(accepted.Count);
        foreach (var span in accepted)
        {
            if (merged.Count > 0 && merged[^1] is { Type: PhiTypes.Name or PhiTypes.Address } previous && span.Type == previous.Type
                && IsBlankGap(text, previous.End, span.Start))
            {
                merged[^1] = previous with { End = span.End, Confidence = Math.Max(previous.Confidence, span.Confidence) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static bool IsBlankGap(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
