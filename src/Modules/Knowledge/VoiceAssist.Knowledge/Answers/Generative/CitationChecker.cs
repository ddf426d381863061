using System.Globalization;
using System.Text.RegularExpressions;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Answers.Generative;

/// <summary>A sentence of the reply that kept at least one citation: its text without markers and the supplied
/// passage numbers (1-based, as sent to the model) it cites, in the order written.</summary>
internal sealed record CheckedSentence(string Text, IReadOnlyList<int> Passages);

/// <summary><c>Sentences</c>: how many sentences the reply had; <c>Kept</c>: those with a valid citation.</summary>
internal sealed record CitationCheck(int Sentences, IReadOnlyList<CheckedSentence> Kept, IReadOnlyList<AnswerFlag> Flags);

/// <summary>Holds a model's reply to the passages it was given: the reply is split into sentences, a citation marker
/// that names no supplied passage is removed, and a sentence left with no valid citation is dropped. Both are
/// reported as flags, so nothing the model wrote leaves uncited or disappears unnoticed.</summary>
internal static partial class CitationChecker
{
    /// <summary>A range wider than this ("[1-400]") is not read as a list of passages, only its two ends.</summary>
    private const int MaxRange = 20;

    public static CitationCheck Check(string reply, int passageCount)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var kept = new List<CheckedSentence>();
        var flags = new List<AnswerFlag>();
        var sentences = Sentences(reply);
        foreach (var (written, text, cited) in sentences)
        {
            var valid = cited.Where(n => n >= 1 && n <= passageCount).Distinct().ToList();
            var invalid = cited.Where(n => n < 1 || n > passageCount).Distinct().ToList();
            if (valid.Count == 0)
            {
                flags.Add(new AnswerFlag(AnswerFlagKinds.UncitedSentenceDropped, written, invalid));
                continue;
            }

            if (invalid.Count > 0)
            {
                flags.Add(new AnswerFlag(AnswerFlagKinds.InvalidCitationRemoved, written, invalid));
            }

            kept.Add(new CheckedSentence(text, valid));
        }

        return new CitationCheck(sentences.Count, kept, flags);
    }

    /// <summary>True when the reply is the not-found sentence the prompt asks for (quotes, curly apostrophes, case,
    /// the final full stop and stray markers aside).</summary>
    public static bool IsNotFound(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        static string Normal(string text) => Whitespace().Replace(Marker().Replace(text, " "), " ")
            .Replace('\u2019', '\'').Trim().Trim('"', '\'', '\u201C', '\u201D', '*').TrimEnd('.', ' ').ToUpperInvariant();
        return Normal(reply) == Normal(ExtractiveAnswerComposer.NotFound);
    }

    /// <summary>The reply's sentences: each as written, its text without markers, and every number it cites.
    /// Markers may stand before or after the full stop ("... effect [1]." or "... effect. [1]"); lines and list items
    /// are sentences of their own; a line holding only markers belongs to the sentence before it.</summary>
    public static IReadOnlyList<(string Written, string Text, IReadOnlyList<int> Cited)> Sentences(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var pieces = new List<string>();
        foreach (var rawLine in reply.Split('\n'))
        {
            var line = ListItem().Replace(rawLine.Trim(), string.Empty);
            var start = 0;
            foreach (Match end in SentenceEnd().Matches(line))
            {
                var sentence = line[start..(end.Index + end.Length)];
                if (end.Groups["markers"].Length == 0 && Abbreviation().IsMatch(line[start..(end.Index + 1)]))
                {
                    continue;
                }

                pieces.Add(sentence);
                start = end.Index + end.Length;
            }

            pieces.Add(line[start..]);
        }

        var sentences = new List<(string Written, string Text, IReadOnlyList<int> Cited)>();
        foreach (var piece in pieces.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var cited = Marker().Matches(piece).SelectMany(m => Numbers(m.Groups["numbers"].Value)).ToList();
            var text = SpaceBeforePunctuation().Replace(Whitespace().Replace(Marker().Replace(piece, " "), " "), "$1").Trim();
            if (!text.Any(char.IsLetterOrDigit))
            {
                if (sentences.Count > 0 && cited.Count > 0)
                {
                    var previous = sentences[^1];
                    sentences[^1] = (previous.Written + " " + piece, previous.Text, [.. previous.Cited, .. cited]);
                }

                continue;
            }

            sentences.Add((piece, text, cited));
        }

        return sentences;
    }

    private static IEnumerable<int> Numbers(string list)
    {
        foreach (var item in list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = item.Split(['-', '\u2013'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1).ToList();
            if (ends.Count == 2 && ends[0] >= 0 && ends[1] >= ends[0] && ends[1] - ends[0] <= MaxRange)
            {
                for (var n = ends[0]; n <= ends[1]; n++)
                {
                    yield return n;
                }
            }
            else
            {
                foreach (var end in ends)
                {
                    yield return end;
                }
            }
        }
    }

    /// <summary>[1], [1, 2], [1;3], [1-3]: a citation marker.</summary>
    [GeneratedRegex(@"\[\s*(?<numbers>\d{1,6}(?:\s*[,;\-\u2013]\s*\d{1,6})*)\s*\]")]
    private static partial Regex Marker();

    /// <summary>The end of a sentence: its punctuation, closing quotes, any markers after it, then a new sentence
    /// (capital, digit, opening quote or bracket) or the end of the line.</summary>
    [GeneratedRegex(@"[.!?]+[""'\u201D\u2019)]*(?<markers>(?:\s*\[\s*\d{1,6}(?:\s*[,;\-\u2013]\s*\d{1,6})*\s*\])*)(?=\s+[""'\u201C\u2018(\[]?[\p{Lu}0-9]|\s*$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(\b(e\.g|i\.e|et al|vs|Dr|Fig|No|approx|cf|Mr|Mrs|Ms|St|resp)\.|\b[A-Z]\.)$", RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();

    /// <summary>A bullet or number opening a list item ("- ", "* ", "2. ", "3) ").</summary>
    [GeneratedRegex(@"^(?:[-*\u2022]|\d{1,2}[.)])\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
