using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Ingestion;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Answers;

/// <summary>Builds an answer only from sentences found in the best passages, word for word, each followed by its
/// citation. Sentences are scored by the question's terms they contain (rarer terms count more); when no passage on
/// its own covers enough of the question, the answer says plainly that the knowledge base does not hold it. No
/// sentence is said twice.</summary>
internal sealed class ExtractiveAnswerComposer(HybridSearch search, QueryAnalyzer analyzer, SearchIndex index, TimeProvider time) : IAnswerComposer
{
    public const string NotFound = "I couldn't find this in the knowledge base.";
    private const int PassagesConsidered = 4;
    private const int MaxSentences = 3;
    private const double MinimumCoverage = 0.5;

    public async Task<KnowledgeAnswer> Answer(string question, SearchFilters? filters, CancellationToken cancellationToken, Guid? caller = null) =>
        await Compose(await Retrieve(question, filters, cancellationToken, caller), cancellationToken);

    /// <summary>The passages an answer is drawn from, best first, one per document (the generative composer uses the
    /// same); the caller's own patient documents included when a caller is given.</summary>
    public Task<HybridResult> Retrieve(string question, SearchFilters? filters, CancellationToken cancellationToken, Guid? caller = null) =>
        search.Search(question, filters, PassagesConsidered, onePerDocument: true, cancellationToken, caller: caller);

    public async Task<KnowledgeAnswer> Compose(HybridResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var typed = result.Terms.Where(t => t.Weight >= 1).Select(t => t.Lexeme).Distinct().ToList();
        var weights = result.Terms.GroupBy(t => t.Lexeme).ToDictionary(g => g.Key, g => g.Max(t => t.Weight) * index.Idf(g.Key));
        if (result.Passages.Count == 0 || typed.Count == 0)
        {
            return new KnowledgeAnswer(false, NotFound, [], []);
        }

        // Coverage: how much of the question (by term rarity) a passage contains, its title included. Only passages
        // that cover enough of it on their own are answered from: the union of several off-topic passages can cover a
        // question that none of them addresses (a question about aspirin answered from passages about ticks).
        var passageLexemes = await analyzer.Lexemes(result.Passages.Select(p => p.Title + " " + p.Text).ToList(), cancellationToken);
        var concepts = new List<(string[] Typed, IReadOnlyList<string[]> Alternatives)>();
        foreach (var subQuery in result.SubQueries)
        {
            concepts.AddRange(await analyzer.Concepts(subQuery, cancellationToken));
        }

        var total = typed.Sum(t => weights.GetValueOrDefault(t));
        double Coverage(IEnumerable<string> lexemes)
        {
            var covered = new HashSet<string>(lexemes, StringComparer.Ordinal);
            foreach (var (conceptTyped, alternatives) in concepts)
            {
                // "heart attack" is answered by a passage about "myocardial infarction".
                if (alternatives.Any(a => a.All(covered.Contains)))
                {
                    covered.UnionWith(conceptTyped);
                }
            }

            return total <= 0 ? 0 : typed.Where(covered.Contains).Sum(t => weights.GetValueOrDefault(t)) / total;
        }

        var addressing = result.Passages.Where((_, i) => Coverage(passageLexemes[i]) >= MinimumCoverage).ToHashSet();
        if (addressing.Count == 0)
        {
            return new KnowledgeAnswer(false, NotFound, [], []);
        }

        // The same sentence in two passages (overlapping passages, or one abstract stored twice) is said once.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sentences = result.Passages
            .SelectMany((p, rank) => Chunker.Sentences(p.Text).Select((s, position) => (Passage: p, Rank: rank, Position: position, Text: s)))
            .Where(s => s.Text.Length >= 20 && addressing.Contains(s.Passage))
            .Where(s => seen.Add(string.Join(' ', s.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
            .ToList();
        var lexemes = await analyzer.Lexemes(sentences.Select(s => s.Text).ToList(), cancellationToken);

        var scored = sentences.Select((s, i) =>
        {
            var terms = lexemes[i].Distinct().ToList();
            var score = terms.Sum(t => weights.GetValueOrDefault(t)) / Math.Sqrt(Math.Max(8, terms.Count)) / (1 + (0.25 * s.Rank));
            return (Sentence: s, Score: score);
        }).Where(s => s.Score > 0).OrderByDescending(s => s.Score).ToList();
        if (scored.Count == 0)
        {
            return new KnowledgeAnswer(false, NotFound, [], []);
        }

        var best = scored[0].Score;
        var chosen = scored.Where(s => s.Score >= best * 0.45).Take(MaxSentences)
            .OrderBy(s => s.Sentence.Rank).ThenBy(s => s.Sentence.Position).Select(s => s.Sentence).ToList();
        var accessed = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var citations = new List<KnowledgeCitation>();
        var answerSentences = new List<AnswerSentence>();
        foreach (var sentence in chosen)
        {
            var passage = sentence.Passage;
            var citation = citations.FirstOrDefault(c => c.Passage == passage.Text && c.DocumentId == passage.DocumentId);
            if (citation is null)
            {
                citation = AmaReference.Citation(citations.Count + 1, passage, accessed);
                citations.Add(citation);
            }

            answerSentences.Add(new AnswerSentence(sentence.Text, citation.Number));
        }

        var text = string.Join(' ', answerSentences.Select(s => $"{s.Text} [{s.Citation}]"));
        return new KnowledgeAnswer(true, text, answerSentences, citations);
    }
}
