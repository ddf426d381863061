using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VoiceAssist.Voice.Dialogue.Understanding;

/// <summary>One turn's text in a single spelling: lower case, clinical shorthand expanded ("h/o" → "history of"),
/// spoken numbers as digits ("seventy two" → "72"), hyphens as spaces and punctuation as separate tokens. Every
/// extractor works on this form, so "72-year-old", "seventy two year old" and "72 yo" look the same to them.</summary>
internal sealed partial class Utterance
{
    private Utterance(string text)
    {
        Text = text;
        Tokens = [.. TokenPattern().Matches(text).Select(m => new Token(m.Value, m.Index))];
    }

    /// <summary>The normalised text: tokens separated by single spaces.</summary>
    public string Text { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public static Utterance Of(string text) => new(Normalize(text));

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.ToLowerInvariant()
            .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u2013', '-').Replace('\u2014', '-')
            .Replace('\u2082', '2').Replace("\u00b5", "u", StringComparison.Ordinal).Replace("\u03bc", "u", StringComparison.Ordinal);
        s = SpaceAroundPunctuation().Replace(s, " $1 ");
        s = SentencePeriod().Replace(s, " . ");
        s = WordHyphen().Replace(s, " ");
        s = DigitLetter().Replace(s, "$1 $2");
        s = NumberWords.ToDigits(Whitespace().Replace(s, " ").Trim());
        foreach (var (pattern, replacement) in Shorthand)
        {
            s = pattern.Replace(s, replacement);
        }

        return Whitespace().Replace(s, " ").Trim();
    }

    /// <summary>The token index at a character offset of <see cref="Text"/>.</summary>
    public int TokenAt(int offset)
    {
        for (var i = Tokens.Count - 1; i >= 0; i--)
        {
            if (Tokens[i].Offset <= offset)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Every whole-word occurrence of a normalised phrase.</summary>
    public IEnumerable<Match> Find(string phrase) =>
        phrase.Length == 0 ? [] : Regex.Matches(Text, $@"(?<![\w/]){Regex.Escape(phrase)}(?![\w/])", RegexOptions.CultureInvariant);

    public bool Contains(string phrase) => Find(phrase).Any();

    public static bool IsNumber(string token) => NumberToken().IsMatch(token);

    public static double ParseNumber(string token) => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>"strokeTia" → "stroke tia", so input names read as words.</summary>
    public static string SplitName(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static readonly (Regex Pattern, string Replacement)[] Shorthand =
    [
        (new(@"\bh/o\b|\bhx of\b|\bhistory of\b", RegexOptions.Compiled), " history of "),
        (new(@"\bw/o\b", RegexOptions.Compiled), " without "),
        (new(@"\bw/(?=\s|\w)", RegexOptions.Compiled), " with "),
        (new(@"\bs/p\b", RegexOptions.Compiled), " status post "),
        (new(@"\bc/o\b", RegexOptions.Compiled), " complains of "),
        (new(@"(\d)\s*(?:y/o|y\.o\.?|yo|yrs? old|years? old|yr)(?![a-z])", RegexOptions.Compiled), "$1 year old "),
        (new(@"\b(she|he|it|that|what|who|there)'s\b", RegexOptions.Compiled), "$1 is"),
        (new(@"\b(is|does|do|has|have|had|did|was|were|should|could|would)n't\b", RegexOptions.Compiled), "$1 not"),
        (new(@"\bcan't\b|\bcannot\b", RegexOptions.Compiled), "can not"),
        (new(@"\bi'm\b", RegexOptions.Compiled), "i am"),
        (new(@"\b(\w+)'(re|ve|ll|d)\b", RegexOptions.Compiled), "$1"),
        (new(@"'s\b", RegexOptions.Compiled), ""),
        (new(@"(?<=\d\s*)\bover\b(?=\s*\d)", RegexOptions.Compiled), "/"),
    ];

    [GeneratedRegex(@"\S+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"([,;:?!()""=])")]
    private static partial Regex SpaceAroundPunctuation();

    [GeneratedRegex(@"\.(?=\s|$)|(?<=\s|^)\.(?!\d)")]
    private static partial Regex SentencePeriod();

    [GeneratedRegex(@"(?<=[a-z0-9])-(?=[a-z0-9])|(?<=\s)-|-(?=\s)")]
    private static partial Regex WordHyphen();

    // "72f", "110bpm", "70kg" → "72 f", "110 bpm", "70 kg"; "cha2ds2" and "t2dm" stay whole because a digit follows a letter there.
    [GeneratedRegex(@"(?<![a-z])(\d+(?:\.\d+)?)([a-z%]+)\b")]
    private static partial Regex DigitLetter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\d+(?:\.\d+)?$")]
    private static partial Regex NumberToken();
}

internal readonly record struct Token(string Value, int Offset)
{
    public int End => Offset + Value.Length;
}
