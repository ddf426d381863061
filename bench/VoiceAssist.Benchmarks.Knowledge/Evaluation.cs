namespace VoiceAssist.Benchmarks.Knowledge;

/// <summary>Standard ranking metrics at a cut-off, over document ids; binary or graded relevance from qrels.</summary>
internal static class Evaluation
{
    public static (double Ndcg, double Recall, double Mrr) Score(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k = 10)
    {
        var top = ranked.Take(k).ToList();
        double dcg = 0;
        for (var i = 0; i < top.Count; i++)
        {
            if (relevant.TryGetValue(top[i], out var gain) && gain > 0)
            {
                dcg += (Math.Pow(2, gain) - 1) / Math.Log2(i + 2);
            }
        }

        var ideal = relevant.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        var found = top.Count(relevant.ContainsKey);
        var positives = relevant.Count(r => r.Value > 0);
        var firstHit = top.FindIndex(d => relevant.TryGetValue(d, out var g) && g > 0);
        return (ideal == 0 ? 0 : dcg / ideal, positives == 0 ? 0 : (double)found / positives, firstHit < 0 ? 0 : 1.0 / (firstHit + 1));
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}

/// <summary>The baseline every figure is printed beside: textbook Okapi BM25 (k1 0.9, b 0.4, as in Anserini's
/// defaults) over lower-cased alphanumeric tokens, English stop words removed, no stemming, no expansion.</summary>
internal sealed class PlainBm25
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "do", "does", "can", "what", "which",
    };

    private readonly List<(string Id, Dictionary<string, int> Tf, int Length)> documents = [];
    private readonly Dictionary<string, int> df = new(StringComparer.Ordinal);
    private readonly double averageLength;

    public PlainBm25(IEnumerable<(string Id, string Text)> corpus)
    {
        foreach (var (id, text) in corpus)
        {
            var tokens = Tokens(text).ToList();
            var tf = tokens.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            foreach (var term in tf.Keys)
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }

            documents.Add((id, tf, tokens.Count));
        }

        averageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
    }

    public IReadOnlyList<string> Search(string query, int k, double k1 = 0.9, double b = 0.4)
    {
        var terms = Tokens(query).Distinct().ToList();
        var n = documents.Count;
        return documents
            .Select(d => (d.Id, Score: terms.Sum(t =>
            {
                if (!d.Tf.TryGetValue(t, out var tf))
                {
                    return 0;
                }

                var idf = Math.Log(1 + ((n - df[t] + 0.5) / (df[t] + 0.5)));
                return idf * tf * (k1 + 1) / (tf + (k1 * (1 - b + (b * d.Length / averageLength))));
            })))
            .Where(d => d.Score > 0)
            .OrderByDescending(d => d.Score)
            .Take(k)
            .Select(d => d.Id)
            .ToList();
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var token = text[start..i].ToLowerInvariant();
                start = -1;
                if (!StopWords.Contains(token))
                {
                    yield return token;
                }
            }
        }
    }
}
