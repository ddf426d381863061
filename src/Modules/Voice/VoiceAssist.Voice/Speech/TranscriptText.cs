namespace VoiceAssist.Voice.Speech;

/// <summary>The one normalisation that corpus sentences, reference transcripts and recognised text all go through:
/// lower case, letters, digits and apostrophes only.</summary>
internal static class TranscriptText
{
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray());
        return cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Word error rate: word-level edit distance (substitutions, deletions, insertions) over reference length.</summary>
    public static double WordErrorRate(string reference, string hypothesis)
    {
        var expected = Words(reference);
        var actual = Words(hypothesis);
        return expected.Count == 0 ? (actual.Count == 0 ? 0 : 1) : EditDistance(expected, actual) / (double)expected.Count;
    }

    public static int EditDistance(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var previous = Enumerable.Range(0, actual.Count + 1).ToArray();
        var current = new int[actual.Count + 1];
        for (var i = 1; i <= expected.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= actual.Count; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[actual.Count];
    }
}
