using System.Globalization;
using System.Text;

namespace VoiceAssist.Voice.Speech.LanguageModel;

/// <summary>A back-off n-gram model estimated with interpolated Witten-Bell discounting, written as ARPA text.
/// Witten-Bell suits a small corpus: the weight a context gives to its lower order is the share of distinct words
/// seen after it, T(h) / (c(h) + T(h)), so a context followed by many different words backs off more.</summary>
internal sealed class WittenBellEstimator
{
    public const string SentenceStart = "<s>";
    public const string SentenceEnd = "</s>";
    private readonly int order;

    // counts[n - 1][history words joined by ' '][word] = count of that n-gram.
    private readonly List<Dictionary<string, Dictionary<string, int>>> counts;

    public WittenBellEstimator(int order = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        this.order = order;
        counts = Enumerable.Range(0, order).Select(_ => new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal)).ToList();
    }

    // Sum of counts after each history, keyed by order and history; filled on first use.
    private readonly Dictionary<(int Order, string History), int> totals = [];

    public int SentenceCount { get; private set; }

    public void AddSentence(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return;
        }

        var tokens = new List<string>(words.Count + 2) { SentenceStart };
        tokens.AddRange(words);
        tokens.Add(SentenceEnd);
        for (var i = 1; i < tokens.Count; i++)
        {
            for (var n = 1; n <= order && i - n + 1 >= 0; n++)
            {
                var history = string.Join(' ', tokens.Skip(i - n + 1).Take(n - 1));
                if (!counts[n - 1].TryGetValue(history, out var followers))
                {
                    counts[n - 1][history] = followers = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                followers[tokens[i]] = followers.GetValueOrDefault(tokens[i]) + 1;
            }
        }

        totals.Clear();
        SentenceCount++;
    }

    /// <summary>Every word the model predicts, sentence end included.</summary>
    public IReadOnlyCollection<string> Vocabulary => counts[0].TryGetValue("", out var unigrams) ? unigrams.Keys : [];

    /// <summary>Interpolated probability of <paramref name="word"/> after <paramref name="history"/> (most recent last).</summary>
    public double Probability(IReadOnlyList<string> history, string word)
    {
        ArgumentNullException.ThrowIfNull(history);
        var unigrams = counts[0][""];
        var total = Total(1, "", unigrams);
        // Order 0 is uniform over the vocabulary.
        var probability = (unigrams.GetValueOrDefault(word) + (unigrams.Count * (1.0 / unigrams.Count))) / (total + unigrams.Count);
        for (var n = 2; n <= order && n - 1 <= history.Count; n++)
        {
            var context = string.Join(' ', history.Skip(history.Count - (n - 1)));
            if (!counts[n - 1].TryGetValue(context, out var followers))
            {
                break;
            }

            var seen = Total(n, context, followers);
            probability = (followers.GetValueOrDefault(word) + (followers.Count * probability)) / (seen + followers.Count);
        }

        return probability;
    }

    /// <summary>The weight with which <paramref name="context"/> passes probability to its lower order.</summary>
    private double BackOffWeight(string context)
    {
        var n = context.Length == 0 ? 1 : context.Split(' ').Length + 1;
        if (n > order || !counts[n - 1].TryGetValue(context, out var followers))
        {
            return 1;
        }

        var seen = Total(n, context, followers);
        return followers.Count / (double)(seen + followers.Count);
    }

    private int Total(int n, string history, Dictionary<string, int> followers)
    {
        if (!totals.TryGetValue((n, history), out var total))
        {
            totals[(n, history)] = total = followers.Values.Sum();
        }

        return total;
    }

    public string ToArpa()
    {
        var sections = new List<List<string>>();
        var ngramCounts = new List<int>();
        for (var n = 1; n <= order; n++)
        {
            var lines = new List<string>();
            foreach (var (history, followers) in counts[n - 1].OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                var historyWords = history.Length == 0 ? [] : history.Split(' ');
                foreach (var word in followers.Keys.Order(StringComparer.Ordinal))
                {
                    var ngram = history.Length == 0 ? word : $"{history} {word}";
                    var line = $"{Log10(Probability(historyWords, word))}\t{ngram}";
                    if (n < order && counts[n].ContainsKey(ngram))
                    {
                        line += $"\t{Log10(BackOffWeight(ngram))}";
                    }

                    lines.Add(line);
                }
            }

            if (n == 1)
            {
                // <s> is never predicted, only conditioned on.
                lines.Insert(0, order > 1 && counts[1].ContainsKey(SentenceStart) ? $"-99\t{SentenceStart}\t{Log10(BackOffWeight(SentenceStart))}" : $"-99\t{SentenceStart}");
            }

            sections.Add(lines);
            ngramCounts.Add(lines.Count);
        }

        var arpa = new StringBuilder();
        arpa.Append("\\data\\\n");
        for (var n = 1; n <= order; n++)
        {
            arpa.Append(CultureInfo.InvariantCulture, $"ngram {n}={ngramCounts[n - 1]}\n");
        }

        for (var n = 1; n <= order; n++)
        {
            arpa.Append(CultureInfo.InvariantCulture, $"\n\\{n}-grams:\n");
            foreach (var line in sections[n - 1])
            {
                arpa.Append(line).Append('\n');
            }
        }

        arpa.Append("\n\\end\\\n");
        return arpa.ToString();
    }

    private static string Log10(double probability) => Math.Log10(probability).ToString("0.000000", CultureInfo.InvariantCulture);
}
