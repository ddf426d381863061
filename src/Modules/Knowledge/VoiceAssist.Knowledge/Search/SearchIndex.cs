using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Search;

/// <summary>What a search needs to know about a document without a database round trip: enough to filter.</summary>
internal sealed record IndexedDocument(Guid Id, long Revision, string? Publisher, DateOnly? PublishedOn, string[] Tags)
{
    public bool Matches(SearchFilters? filters) =>
        filters is null
        || ((filters.Publisher is null || string.Equals(Publisher, filters.Publisher, StringComparison.OrdinalIgnoreCase))
            && (filters.PublishedFrom is null || (PublishedOn is { } from && from >= filters.PublishedFrom))
            && (filters.PublishedTo is null || (PublishedOn is { } to && to <= filters.PublishedTo))
            && (filters.Tags is null || filters.Tags.All(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase))));
}

internal readonly record struct IndexedChunk(long ChunkId, Guid DocumentId);

/// <summary>The keyword (BM25) index, and the in-memory vector index when that is the one in use, loaded from
/// PostgreSQL and kept current by comparing each document's <c>index_revision</c>: a changed document's passages
/// are swapped whole under the write lock, so a search sees either all of the old ones or all of the new.
/// Every replica does this on its own, at most <see cref="SearchOptions.RefreshInterval"/> behind the database,
/// and at once after a change made in this process.</summary>
/// <remarks>A passage counts as having a vector only if the configured model made it; when the model changes the
/// next refresh reloads everything, so vectors of the old model leave the in-memory index and the coverage, and the
/// search stays keyword-only until the new model's vectors cover the knowledge base again.</remarks>
internal sealed partial class SearchIndex(NpgsqlDataSource dataSource, VectorIndexSelector vectors, Embeddings.EmbeddingProvider embeddings,
    Microsoft.Extensions.Options.IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<SearchIndex> logger) : IDisposable
{
    private const float TitleWeight = 1f;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Bm25Index keywords = new();
    private readonly Dictionary<int, IndexedChunk> chunkBySlot = [];
    private readonly Dictionary<Guid, (IndexedDocument Document, List<int> Slots, List<long> ChunkIds, int Vectors)> documents = [];
    private int vectorCount;
    private DateTimeOffset lastRefresh = DateTimeOffset.MinValue;
    private volatile bool stale = true;
    private long loadedVersion = -1;
    private string? loadedModel;

    public int ChunkCount
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return keywords.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>The share of passages that have a vector; hybrid search waits for nearly all of them, because
    /// fusing with a partial vector ranking would favour whichever passages happened to be embedded first.</summary>
    public double VectorCoverage
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return keywords.Count == 0 ? 0 : (double)vectorCount / keywords.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        refreshing.Dispose();
    }

    /// <summary>BM25's inverse document frequency of a lexeme over the live passages.</summary>
    public double Idf(string lexeme)
    {
        gate.EnterReadLock();
        try
        {
            var df = keywords.DocumentFrequency(lexeme);
            return Math.Log(1 + ((keywords.Count - df + 0.5) / (df + 0.5)));
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>The shared passages' count, average length and document frequency of each lexeme, for scoring a
    /// clinician's patient passages against the same collection (<see cref="PatientDocumentIndex"/>).</summary>
    public (int Count, double AverageLength, Dictionary<string, int> DocumentFrequency) Statistics(IEnumerable<string> lexemes)
    {
        gate.EnterReadLock();
        try
        {
            return (keywords.Count, keywords.AverageLength, lexemes.Distinct(StringComparer.Ordinal).ToDictionary(l => l, keywords.DocumentFrequency, StringComparer.Ordinal));
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Called after this process changes documents, so its next search reloads them.</summary>
    public void MarkStale() => stale = true;

    /// <summary>True once the index has been loaded from the database at least once.</summary>
    public bool Loaded { get; private set; }

    public async Task EnsureFresh(CancellationToken cancellationToken)
    {
        if (Loaded && embeddings.Model != loadedModel)
        {
            stale = true;
        }

        if (!stale && time.GetUtcNow() - lastRefresh < options.Value.Search.RefreshInterval)
        {
            return;
        }

        await refreshing.WaitAsync(cancellationToken);
        try
        {
            if (!stale && time.GetUtcNow() - lastRefresh < options.Value.Search.RefreshInterval)
            {
                return;
            }

            // Another replica's change moves the one-row version; comparing it is a primary-key read, so the
            // per-interval check costs a fraction of a millisecond however many documents there are.
            if (!stale && Loaded && await CurrentVersion(cancellationToken) == loadedVersion)
            {
                lastRefresh = time.GetUtcNow();
                return;
            }

            stale = false;
            await Refresh(cancellationToken);
            lastRefresh = time.GetUtcNow();
            Loaded = true;
        }
        catch
        {
            stale = true;
            throw;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Brings the index up to date, waiting at most <paramref name="wait"/>: a large change (a bulk import
    /// of thousands of documents) keeps loading in the background while this search is answered from PostgreSQL.
    /// False when the index is not yet current.</summary>
    public async Task<bool> TryEnsureFresh(TimeSpan wait, CancellationToken cancellationToken)
    {
        // Not tied to the request: a refresh this search stops waiting for still completes for the next one.
        var refresh = EnsureFresh(CancellationToken.None);
        if (refresh.IsCompleted || await Task.WhenAny(refresh, Task.Delay(wait, cancellationToken)) == refresh)
        {
            await refresh;
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    private async Task<long> CurrentVersion(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM knowledge.index_state WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public IReadOnlyList<(IndexedChunk Chunk, double Score)> SearchKeywords(IReadOnlyList<WeightedTerm> query, int top, SearchFilters? filters)
    {
        var search = options.Value.Search;
        gate.EnterReadLock();
        try
        {
            Func<int, bool>? accept = filters is null ? null : slot => documents.TryGetValue(chunkBySlot[slot].DocumentId, out var d) && d.Document.Matches(filters);
            return keywords.Search(query, top, search.K1, search.B, accept).Select(s => (chunkBySlot[s.Slot], s.Score)).ToList();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public Func<Guid, bool>? DocumentFilter(SearchFilters? filters)
    {
        if (filters is null)
        {
            return null;
        }

        return id =>
        {
            gate.EnterReadLock();
            try
            {
                return documents.TryGetValue(id, out var d) && d.Document.Matches(filters);
            }
            finally
            {
                gate.ExitReadLock();
            }
        };
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the list of revisions and the passages read for them.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long version;
        await using (var command = new NpgsqlCommand("SELECT version FROM knowledge.index_state WHERE id = 1", connection, transaction))
        {
            version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var current = new Dictionary<Guid, long>();
        await using (var command = new NpgsqlCommand("SELECT id, index_revision FROM knowledge.documents WHERE chunk_count > 0 AND owner_id IS NULL", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                current[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        List<Guid> removed;
        List<Guid> changed;
        var model = embeddings.Model;
        var modelChanged = model != loadedModel;
        gate.EnterReadLock();
        try
        {
            removed = documents.Keys.Where(id => !current.ContainsKey(id)).ToList();
            changed = current.Where(c => modelChanged || !documents.TryGetValue(c.Key, out var known) || known.Document.Revision != c.Value).Select(c => c.Key).ToList();
        }
        finally
        {
            gate.ExitReadLock();
        }

        if (removed.Count == 0 && changed.Count == 0)
        {
            loadedVersion = version;
            loadedModel = model;
            return;
        }

        var loaded = await Load(connection, transaction, changed, model, changed.Count == current.Count && documents.Count == 0, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var memoryVectors = vectors.InMemory;
        gate.EnterWriteLock();
        try
        {
            foreach (var id in removed.Concat(changed))
            {
                if (documents.Remove(id, out var old))
                {
                    foreach (var slot in old.Slots)
                    {
                        keywords.Remove(slot);
                        chunkBySlot.Remove(slot);
                    }

                    vectorCount -= old.Vectors;
                    foreach (var chunkId in old.ChunkIds)
                    {
                        memoryVectors?.Remove(chunkId);
                    }
                }
            }

            foreach (var (document, chunks) in loaded)
            {
                var slots = new List<int>(chunks.Count);
                foreach (var chunk in chunks)
                {
                    var slot = keywords.Add(chunk.Terms);
                    chunkBySlot[slot] = new IndexedChunk(chunk.ChunkId, document.Id);
                    slots.Add(slot);
                    if (chunk.Embedding is { } embedding)
                    {
                        memoryVectors?.Upsert(chunk.ChunkId, document.Id, embedding);
                    }
                }

                var withVector = chunks.Count(c => c.HasVector);
                vectorCount += withVector;
                documents[document.Id] = (document, slots, chunks.Select(c => c.ChunkId).ToList(), withVector);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        loadedVersion = version;
        loadedModel = model;
        LogRefreshed(logger, changed.Count, removed.Count, keywords.Count);
    }

    private async Task<List<(IndexedDocument Document, List<(long ChunkId, List<(string, float)> Terms, float[]? Embedding, bool HasVector)> Chunks)>> Load(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Guid> ids, string? model, bool everything, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, (IndexedDocument Document, List<(long, List<(string, float)>, float[]?, bool)> Chunks)>();
        var withVectors = vectors.InMemory is not null;
        // The first load reads every passage in one pass; later ones only the changed documents. Neither sorts: a
        // sort of tens of megabytes of tsvectors costs more than grouping the rows here.
        foreach (var batch in everything ? [[]] : ids.Chunk(2000))
        {
            await using var command = new NpgsqlCommand($"""
                SELECT d.id, d.index_revision, d.publisher, d.published_on, d.tags, c.id, c.tsv,
                    {(withVectors ? "CASE WHEN c.embedding_model = @model THEN c.embedding END" : "NULL::real[]")}, coalesce(c.embedding IS NOT NULL AND c.embedding_model = @model, false)
                FROM knowledge.documents d JOIN knowledge.chunks c ON c.document_id = d.id
                WHERE {(everything ? "d.chunk_count > 0 AND d.owner_id IS NULL" : "d.id = ANY(@ids)")}
                """, connection, transaction);
            if (!everything)
            {
                command.Parameters.AddWithValue("ids", batch);
            }

            command.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Text) { Value = (object?)model ?? DBNull.Value });

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!result.TryGetValue(id, out var entry))
                {
                    entry = (new IndexedDocument(id, reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<string[]>(4)), []);
                    result[id] = entry;
                }

                var tsv = reader.GetFieldValue<NpgsqlTsVector>(6);
                entry.Chunks.Add((reader.GetInt64(5), Terms(tsv), reader.IsDBNull(7) ? null : reader.GetFieldValue<float[]>(7), reader.GetBoolean(8)));
            }
        }

        return result.Values.Select(v => (v.Document, v.Chunks)).ToList();
    }

    /// <summary>Keyword candidates ranked by PostgreSQL itself (<c>ts_rank_cd</c> over the GIN index), used only
    /// while this replica's in-memory index is still loading after a start, so no search waits for the load.</summary>
    public async Task<IReadOnlyList<(IndexedChunk Chunk, double Score)>> SearchKeywordsInDatabase(IReadOnlyList<WeightedTerm> query, int top, SearchFilters? filters, CancellationToken cancellationToken)
    {
        var lexemes = query.Select(t => t.Lexeme).Distinct(StringComparer.Ordinal).ToArray();
        if (lexemes.Length == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, ts_rank_cd(c.tsv, q.query) AS score
            FROM (SELECT string_agg(quote_literal(l), ' | ')::tsquery AS query FROM unnest(@lexemes) AS l) q,
                 knowledge.chunks c JOIN knowledge.documents d ON d.id = c.document_id
            WHERE c.tsv @@ q.query
              AND (@publisher::text IS NULL OR lower(d.publisher) = lower(@publisher::text))
              AND (@from::date IS NULL OR d.published_on >= @from::date)
              AND (@to::date IS NULL OR d.published_on <= @to::date)
              AND (cardinality(@tags::text[]) = 0 OR ARRAY(SELECT lower(t) FROM unnest(d.tags) AS t) @> @tags::text[])
            ORDER BY score DESC, c.id
            LIMIT @top
            """);
        command.Parameters.AddWithValue("lexemes", lexemes);
        command.Parameters.Add(new NpgsqlParameter("publisher", NpgsqlDbType.Text) { Value = (object?)filters?.Publisher ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)filters?.PublishedFrom ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)filters?.PublishedTo ?? DBNull.Value });
        command.Parameters.AddWithValue("tags", (filters?.Tags ?? []).Select(t => t.ToLowerInvariant()).ToArray());
        command.Parameters.AddWithValue("top", top);
        var hits = new List<(IndexedChunk, double)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add((new IndexedChunk(reader.GetInt64(0), reader.GetGuid(1)), reader.GetFloat(2)));
        }

        return hits;
    }

    /// <summary>Term frequencies from a tsvector: each position is one occurrence; title and heading positions
    /// (weight A) count <see cref="TitleWeight"/> times.</summary>
    internal static List<(string Lexeme, float Tf)> Terms(NpgsqlTsVector tsv)
    {
        var terms = new List<(string, float)>(tsv.Count);
        foreach (var lexeme in tsv)
        {
            float tf = 0;
            for (var i = 0; i < lexeme.Count; i++)
            {
                tf += lexeme[i].Weight == NpgsqlTsVector.Lexeme.Weight.A ? TitleWeight : 1f;
            }

            terms.Add((lexeme.Text, Math.Max(tf, 1f)));
        }

        return terms;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index refreshed: {Changed} documents loaded, {Removed} removed, {Chunks} passages")]
    private static partial void LogRefreshed(ILogger logger, int changed, int removed, int chunks);
}
