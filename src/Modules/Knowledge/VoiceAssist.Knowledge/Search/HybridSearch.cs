using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Embeddings;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Knowledge.Search;

internal sealed record RankedPassage(long ChunkId, Guid DocumentId, string? ExternalId, string Title, string? Publisher, DateOnly? PublishedOn,
    string? Version, string? Url, int? Page, string? Section, string Text, double Score, double KeywordScore);

/// <summary><see cref="Fallback"/>: why a search that should have used vectors answered from keywords alone
/// (<see cref="KeywordFallback"/>), or null.</summary>
internal sealed record HybridResult(IReadOnlyList<RankedPassage> Passages, string Mode, IReadOnlyList<string> SubQueries, IReadOnlyList<WeightedTerm> Terms, string? Fallback = null);

/// <summary>Why a search answered from keywords alone although an embedder is configured; counted on the
/// <c>voiceassist.search.keyword_fallbacks</c> metric and returned in the search's <c>fallback</c> field.</summary>
internal static class KeywordFallback
{
    /// <summary>Fewer than 95% of the passages have a vector of the configured model yet (new documents, or a model change).</summary>
    public const string VectorsPending = "vectors-pending";

    /// <summary>The query's vector did not come within <c>Knowledge:Embeddings:QueryTimeout</c>.</summary>
    public const string QueryEmbeddingTimeout = "query-embedding-timeout";

    /// <summary>The embedder failed on the query (endpoint down, bad configuration).</summary>
    public const string QueryEmbeddingFailed = "query-embedding-failed";

    private static readonly System.Diagnostics.Metrics.Counter<long> Counter = VoiceAssist.BuildingBlocks.Observability.Telemetry.Meter.CreateCounter<long>(
        "voiceassist.search.keyword_fallbacks", "{search}", "Searches answered from keywords alone although an embedder is configured, by reason");

    public static void Record(string reason) => Counter.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

/// <summary>Keyword (BM25 with synonym expansion) and vector candidates fused by weighted reciprocal rank fusion,
/// filtered, with compound questions split into their parts. Falls back to keywords alone while vectors are pending
/// or the embedder does not answer in time, and says so in <see cref="HybridResult.Mode"/>.</summary>
/// <remarks>With a <c>caller</c>, that clinician's patient documents are searched too (<see cref="PatientDocumentIndex"/>),
/// by keyword only, and their passages merged into the keyword ranking; nobody else's ever are.</remarks>
internal sealed partial class HybridSearch(SearchIndex index, QueryAnalyzer analyzer, VectorIndexSelector vectors, NpgsqlDataSource dataSource,
    EmbeddingProvider embeddings, PatientDocumentIndex patientDocuments, IOptions<KnowledgeOptions> options, ILogger<HybridSearch> logger)
{
    /// <summary>Below this share of embedded passages the search stays keyword-only (see <see cref="SearchIndex.VectorCoverage"/>).</summary>
    private const double MinimumVectorCoverage = 0.95;

    public async Task<HybridResult> Search(string query, SearchFilters? filters, int topK, bool onePerDocument, CancellationToken cancellationToken, bool? useVectors = null, Guid? caller = null, bool useKeywords = true)
    {
        var settings = options.Value.Search;
        // Until this replica's in-memory index has loaded (right after a start), or while it takes in a large
        // change, PostgreSQL ranks the keywords: no search waits for a load.
        var inMemory = index.Loaded && await index.TryEnsureFresh(settings.MaxRefreshWait, cancellationToken);
        var subQueries = QueryDecomposer.Decompose(query);
        var embedder = (useVectors ?? true) ? embeddings.Generator : null;
        var model = embeddings.Model;
        string? fallback = null;
        if (embedder is not null && index.VectorCoverage < MinimumVectorCoverage)
        {
            fallback = KeywordFallback.VectorsPending;
            embedder = null;
        }

        var anyVectors = false;
        var rankings = new List<(List<(long ChunkId, Guid DocumentId)> Ranking, double Weight)>();
        var vectorRankings = new List<(List<(long ChunkId, Guid DocumentId)> Ranking, double Weight)>();
        var keywordScores = new Dictionary<long, double>();
        var allTerms = new List<WeightedTerm>();
        foreach (var subQuery in subQueries)
        {
            var terms = await analyzer.Analyze(subQuery, cancellationToken);
            allTerms.AddRange(terms);
            var keyword = inMemory
                ? index.SearchKeywords(terms, settings.Candidates, filters)
                : await index.SearchKeywordsInDatabase(terms, settings.Candidates, filters, cancellationToken);
            if (caller is { } owner && await patientDocuments.Search(owner, terms, settings.Candidates, filters, cancellationToken) is { Count: > 0 } mine)
            {
                keyword = [.. keyword.Concat(mine).OrderByDescending(k => k.Score).Take(settings.Candidates)];
            }

            foreach (var (chunk, score) in keyword)
            {
                keywordScores[chunk.ChunkId] = Math.Max(keywordScores.GetValueOrDefault(chunk.ChunkId), score);
            }

            // Without keywords (the evaluation's vector-only row) the keyword ranking still measures coverage but is not fused.
            if (useKeywords)
            {
                rankings.Add((keyword.Select(k => (k.Chunk.ChunkId, k.Chunk.DocumentId)).ToList(), settings.KeywordWeight));
            }

            if (embedder is null)
            {
                continue;
            }

            var (queryVector, failure) = await EmbedQuery(embedder, subQuery, cancellationToken);
            if (queryVector is null)
            {
                fallback = failure;
                embedder = null;
            }
            else
            {
                var vectorIndex = await vectors.Get(cancellationToken);
                var hits = await vectorIndex.Search(queryVector, model!, settings.Candidates, index.DocumentFilter(filters), cancellationToken);
                var coverage = KeywordCoverage(terms, keyword.Count == 0 ? 0 : keyword[0].Score);
                vectorRankings.Add((hits.Select(h => (h.ChunkId, h.DocumentId)).ToList(), useKeywords ? VectorWeight(settings, coverage) : 1));
                anyVectors = true;
            }
        }

        // A part whose query could not be embedded makes the whole search keyword-only: fusing vectors for some
        // parts and not others would weigh the parts unevenly.
        var fused = Fuse(fallback is null ? [.. rankings, .. vectorRankings] : rankings, settings.RrfK);
        if (onePerDocument)
        {
            fused = fused.GroupBy(f => f.DocumentId).Select(g => g.First()).ToList();
        }

        var top = fused.Take(topK).ToList();
        var passages = await LoadPassages(top, keywordScores, caller, cancellationToken);
        if (fallback is not null)
        {
            KeywordFallback.Record(fallback);
        }

        return new HybridResult(passages, anyVectors && fallback is null ? "hybrid" : "keyword", subQueries, allTerms, fallback);
    }

    /// <summary>How well the best keyword passage covers the query: its BM25 score over the score a passage of
    /// average length holding each typed term once would get (the sum of their idf), capped at 1. Near 1 the
    /// question's own words are in a passage; near 0 they are not, which is where meaning (vectors) must carry it.</summary>
    internal double KeywordCoverage(IReadOnlyList<WeightedTerm> terms, double bestScore)
    {
        var attainable = terms.Where(t => t.Weight >= 1).Select(t => t.Lexeme).Distinct(StringComparer.Ordinal).Sum(index.Idf);
        return attainable <= 0 ? 0 : Math.Min(1, bestScore / attainable);
    }

    /// <summary>The vector ranking's fusion weight: <see cref="SearchOptions.VectorWeight"/> when keywords cover at
    /// least <see cref="SearchOptions.KeywordCoverageThreshold"/> of the query, rising linearly below it to
    /// <see cref="SearchOptions.VectorWeightWhenKeywordsMiss"/> at no coverage. Reciprocal rank fusion ignores how far
    /// ahead the best keyword passage is, so even a small vector weight reorders a confident keyword ranking; the
    /// threshold keeps vectors out of the questions whose own words were found.</summary>
    internal static double VectorWeight(SearchOptions settings, double coverage)
    {
        var threshold = Math.Clamp(settings.KeywordCoverageThreshold, 0.01, 1);
        var shortfall = Math.Clamp((threshold - coverage) / threshold, 0, 1);
        return settings.VectorWeight + ((settings.VectorWeightWhenKeywordsMiss - settings.VectorWeight) * shortfall);
    }

    /// <summary>Weighted reciprocal rank fusion: each ranking adds weight / (k + rank). Ties keep keyword order.</summary>
    internal static List<(long ChunkId, Guid DocumentId, double Score)> Fuse(IReadOnlyList<(List<(long ChunkId, Guid DocumentId)> Ranking, double Weight)> rankings, int k)
    {
        var scores = new Dictionary<long, (Guid DocumentId, double Score, int FirstSeen)>();
        var order = 0;
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var (chunkId, documentId) = ranking[rank];
                var current = scores.TryGetValue(chunkId, out var existing) ? existing : (documentId, 0d, order++);
                scores[chunkId] = (documentId, current.Item2 + (weight / (k + rank + 1)), current.Item3);
            }
        }

        return scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.FirstSeen)
            .Select(s => (s.Key, s.Value.DocumentId, s.Value.Score)).ToList();
    }

    private async Task<(float[]? Vector, string? Failure)> EmbedQuery(IEmbeddingGenerator<string, Embedding<float>> embedder, string query, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Embeddings.QueryTimeout);
        try
        {
            var generationOptions = new EmbeddingGenerationOptions { AdditionalProperties = new() { [ArcticEmbeddingGenerator.InputTypeKey] = ArcticEmbeddingGenerator.QueryInput } };
            var embeddings = await embedder.GenerateAsync([query], generationOptions, timeout.Token);
            UsageMeter.RecordEmbeddings(embedder, embeddings, [query], UsageMeter.System);
            return (embeddings[0].Vector.ToArray(), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or InvalidOperationException or TimeoutException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            var reason = ex is OperationCanceledException or TimeoutException ? KeywordFallback.QueryEmbeddingTimeout : KeywordFallback.QueryEmbeddingFailed;
            LogKeywordOnly(logger, reason, ex.GetType().Name);
            return (null, reason);
        }
    }

    private async Task<List<RankedPassage>> LoadPassages(List<(long ChunkId, Guid DocumentId, double Score)> top, Dictionary<long, double> keywordScores, Guid? caller, CancellationToken cancellationToken)
    {
        if (top.Count == 0)
        {
            return [];
        }

        var rows = new Dictionary<long, RankedPassage>();
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, d.external_id, d.title, d.publisher, d.published_on, d.version, d.url, c.page, c.section, c.text
            FROM knowledge.chunks c JOIN knowledge.documents d ON d.id = c.document_id WHERE c.id = ANY(@ids)
            """);
        command.Parameters.AddWithValue("ids", top.Select(t => t.ChunkId).ToArray());
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                rows[id] = new RankedPassage(id, reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10), 0, 0);
            }
        }

        if (caller is { } owner && top.Where(t => !rows.ContainsKey(t.ChunkId)).Select(t => t.ChunkId).ToList() is { Count: > 0 } others)
        {
            foreach (var passage in await patientDocuments.Passages(owner, others, cancellationToken))
            {
                rows[passage.ChunkId] = passage;
            }
        }

        // A passage deleted since the index was loaded is simply left out.
        return top.Where(t => rows.ContainsKey(t.ChunkId))
            .Select(t => rows[t.ChunkId] with { Score = Math.Round(t.Score, 6), KeywordScore = keywordScores.GetValueOrDefault(t.ChunkId) })
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding unavailable ({Reason}, {ExceptionType}); searching by keyword only")]
    private static partial void LogKeywordOnly(ILogger logger, string reason, string exceptionType);
}
