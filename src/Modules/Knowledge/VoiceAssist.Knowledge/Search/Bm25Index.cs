using System.Buffers;

namespace VoiceAssist.Knowledge.Search;

/// <summary>A term with how much it counts in a query: 1 for what the user typed, less for an expansion.</summary>
internal readonly record struct WeightedTerm(string Lexeme, double Weight);

internal readonly record struct ScoredSlot(int Slot, double Score);

/// <summary>Okapi BM25 over the lexemes PostgreSQL's English configuration produced for each passage (its stored
/// tsvector), kept in memory as postings. PostgreSQL's own <c>ts_rank</c> has no inverse document frequency, which
/// ranks long passages full of common words first; BM25 is the baseline every retrieval evaluation compares with.
/// Lexemes are interned once and postings are parallel arrays, so 50,000 passages cost tens of megabytes rather than
/// millions of small objects, and a query scores into a pooled accumulator and keeps its best hits in a small heap.
/// Removal marks a slot dead and keeps the statistics exact; postings are compacted when a quarter is dead.</summary>
internal sealed class Bm25Index
{
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<Postings> postings = [];
    private readonly List<int[]> slotTerms = [];
    private readonly List<float> slotLength = [];
    private readonly List<bool> slotAlive = [];
    private readonly Stack<int> free = new();
    private double totalLength;
    private int dead;

    public int Count { get; private set; }

    public int Capacity => slotTerms.Count;

    public double AverageLength => Count == 0 ? 1 : totalLength / Count;

    public int Add(IReadOnlyList<(string Lexeme, float Tf)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var ids = new int[terms.Count];
        float length = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            length += terms[i].Tf;
            if (!termIds.TryGetValue(terms[i].Lexeme, out var id))
            {
                id = postings.Count;
                termIds[string.Intern(terms[i].Lexeme)] = id;
                postings.Add(new Postings());
            }

            ids[i] = id;
        }

        int slot;
        if (free.Count > 0 && dead == 0)
        {
            slot = free.Pop();
            slotTerms[slot] = ids;
            slotLength[slot] = length;
            slotAlive[slot] = true;
        }
        else
        {
            slot = slotTerms.Count;
            slotTerms.Add(ids);
            slotLength.Add(length);
            slotAlive.Add(true);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            postings[ids[i]].Append(slot, terms[i].Tf);
        }

        totalLength += length;
        Count++;
        return slot;
    }

    public void Remove(int slot)
    {
        if (!slotAlive[slot])
        {
            return;
        }

        foreach (var id in slotTerms[slot])
        {
            postings[id].DocumentFrequency--;
        }

        slotAlive[slot] = false;
        totalLength -= slotLength[slot];
        Count--;
        dead++;
        if (dead > 1000 && dead > slotTerms.Count / 4)
        {
            Compact();
        }
    }

    public int DocumentFrequency(string lexeme) => termIds.TryGetValue(lexeme, out var id) ? postings[id].DocumentFrequency : 0;

    /// <summary>The best <paramref name="top"/> live slots for the query, optionally only those <paramref name="accept"/> allows.</summary>
    public IReadOnlyList<ScoredSlot> Search(IReadOnlyList<WeightedTerm> query, int top, double k1, double b, Func<int, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Count == 0 || query.Count == 0 || top <= 0)
        {
            return [];
        }

        var capacity = slotTerms.Count;
        var scores = ArrayPool<double>.Shared.Rent(capacity);
        var touched = new List<int>();
        try
        {
            Array.Clear(scores, 0, capacity);
            var averageLength = AverageLength;
            foreach (var term in query.GroupBy(t => t.Lexeme).Select(g => new WeightedTerm(g.Key, g.Max(t => t.Weight))))
            {
                if (term.Weight <= 0 || !termIds.TryGetValue(term.Lexeme, out var id) || postings[id].DocumentFrequency == 0)
                {
                    continue;
                }

                var list = postings[id];
                var df = list.DocumentFrequency;
                var idf = Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
                var weight = term.Weight * idf * (k1 + 1);
                for (var i = 0; i < list.Count; i++)
                {
                    var slot = list.Slots[i];
                    if (!slotAlive[slot])
                    {
                        continue;
                    }

                    double tf = list.Tf[i];
                    var norm = tf + (k1 * (1 - b + (b * slotLength[slot] / averageLength)));
                    if (scores[slot] == 0)
                    {
                        touched.Add(slot);
                    }

                    scores[slot] += weight * tf / norm;
                }
            }

            // Min-heap of the best so far; ties go to the lower slot, as a full sort by (score desc, slot asc) would.
            var best = new PriorityQueue<int, (double Score, int NegativeSlot)>(top + 1);
            foreach (var slot in touched)
            {
                var score = scores[slot];
                if (best.Count == top && best.TryPeek(out _, out var worst) && (score, -slot).CompareTo(worst) <= 0)
                {
                    continue;
                }

                if (accept is not null && !accept(slot))
                {
                    continue;
                }

                best.Enqueue(slot, (score, -slot));
                if (best.Count > top)
                {
                    best.Dequeue();
                }
            }

            var result = new ScoredSlot[best.Count];
            for (var i = result.Length - 1; i >= 0; i--)
            {
                best.TryDequeue(out var slot, out var priority);
                result[i] = new ScoredSlot(slot, priority.Score);
            }

            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    private void Compact()
    {
        foreach (var list in postings)
        {
            list.RemoveWhere(slot => !slotAlive[slot]);
        }

        for (var i = 0; i < slotTerms.Count; i++)
        {
            if (!slotAlive[i] && slotTerms[i].Length > 0)
            {
                slotTerms[i] = [];
                slotLength[i] = 0;
                free.Push(i);
            }
        }

        dead = 0;
    }

    private sealed class Postings
    {
        public int[] Slots { get; private set; } = new int[4];

        public float[] Tf { get; private set; } = new float[4];

        public int Count { get; private set; }

        public int DocumentFrequency { get; set; }

        public void Append(int slot, float tf)
        {
            if (Count == Slots.Length)
            {
                var slots = Slots;
                var tfs = Tf;
                Array.Resize(ref slots, Count * 2);
                Array.Resize(ref tfs, Count * 2);
                Slots = slots;
                Tf = tfs;
            }

            Slots[Count] = slot;
            Tf[Count] = tf;
            Count++;
            DocumentFrequency++;
        }

        public void RemoveWhere(Func<int, bool> gone)
        {
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (!gone(Slots[i]))
                {
                    Slots[kept] = Slots[i];
                    Tf[kept] = Tf[i];
                    kept++;
                }
            }

            Count = kept;
        }
    }
}
