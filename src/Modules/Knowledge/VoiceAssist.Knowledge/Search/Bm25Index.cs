namespace VoiceAssist.Knowledge.Search;

/// <summary>A term with how much it counts in a query: 1 for what the user typed, less for an expansion.</summary>
internal readonly record struct WeightedTerm(string Lexeme, double Weight);

internal readonly record struct ScoredSlot(int Slot, double Score);

/// <summary>Okapi BM25 over the lexemes PostgreSQL's English configuration produced for each passage (its stored
/// tsvector), kept in memory as postings. PostgreSQL's own <c>ts_rank</c> has no inverse document frequency, which
/// ranks long passages full of common words first; BM25 is the baseline every retrieval evaluation compares with.
/// Removal marks a slot dead and keeps the statistics exact; postings are compacted when a quarter is dead.</summary>
internal sealed class Bm25Index
{
    private readonly Dictionary<string, List<(int Slot, float Tf)>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly List<(string[] Terms, float Length, bool Alive)> slots = [];
    private readonly Stack<int> free = new();
    private double totalLength;
    private int dead;

    public int Count { get; private set; }

    public int Capacity => slots.Count;

    public double AverageLength => Count == 0 ? 1 : totalLength / Count;

    public int Add(IReadOnlyList<(string Lexeme, float Tf)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var length = terms.Sum(t => t.Tf);
        var names = terms.Select(t => t.Lexeme).ToArray();
        int slot;
        if (free.Count > 0 && dead == 0)
        {
            slot = free.Pop();
            slots[slot] = (names, length, true);
        }
        else
        {
            slot = slots.Count;
            slots.Add((names, length, true));
        }

        foreach (var (lexeme, tf) in terms)
        {
            if (!postings.TryGetValue(lexeme, out var list))
            {
                postings[lexeme] = list = [];
            }

            list.Add((slot, tf));
            documentFrequency[lexeme] = documentFrequency.GetValueOrDefault(lexeme) + 1;
        }

        totalLength += length;
        Count++;
        return slot;
    }

    public void Remove(int slot)
    {
        var (terms, length, alive) = slots[slot];
        if (!alive)
        {
            return;
        }

        foreach (var lexeme in terms)
        {
            documentFrequency[lexeme]--;
        }

        slots[slot] = (terms, length, false);
        totalLength -= length;
        Count--;
        dead++;
        if (dead > 1000 && dead > slots.Count / 4)
        {
            Compact();
        }
    }

    public int DocumentFrequency(string lexeme) => documentFrequency.GetValueOrDefault(lexeme);

    /// <summary>The best <paramref name="top"/> live slots for the query, optionally only those <paramref name="accept"/> allows.</summary>
    public IReadOnlyList<ScoredSlot> Search(IReadOnlyList<WeightedTerm> query, int top, double k1, double b, Func<int, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Count == 0 || query.Count == 0)
        {
            return [];
        }

        var scores = new Dictionary<int, double>();
        var averageLength = AverageLength;
        foreach (var term in query.GroupBy(t => t.Lexeme).Select(g => new WeightedTerm(g.Key, g.Max(t => t.Weight))))
        {
            if (!postings.TryGetValue(term.Lexeme, out var list))
            {
                continue;
            }

            var df = documentFrequency.GetValueOrDefault(term.Lexeme);
            if (df == 0)
            {
                continue;
            }

            var idf = Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
            foreach (var (slot, tf) in list)
            {
                var entry = slots[slot];
                if (!entry.Alive)
                {
                    continue;
                }

                var norm = tf + (k1 * (1 - b + (b * entry.Length / averageLength)));
                var contribution = term.Weight * idf * tf * (k1 + 1) / norm;
                scores[slot] = scores.GetValueOrDefault(slot) + contribution;
            }
        }

        return scores
            .Where(s => accept is null || accept(s.Key))
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Take(top)
            .Select(s => new ScoredSlot(s.Key, s.Value))
            .ToList();
    }

    private void Compact()
    {
        foreach (var list in postings.Values)
        {
            list.RemoveAll(p => !slots[p.Slot].Alive);
        }

        foreach (var lexeme in documentFrequency.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            documentFrequency.Remove(lexeme);
            postings.Remove(lexeme);
        }

        for (var i = 0; i < slots.Count; i++)
        {
            if (!slots[i].Alive && slots[i].Terms.Length > 0)
            {
                slots[i] = ([], 0, false);
                free.Push(i);
            }
        }

        dead = 0;
    }
}
