using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Knowledge.Documents;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>Gives every passage without a vector its embedding, in small batches, after it is already searchable
/// by keyword: ingestion never waits for the (slow, CPU-bound) embedder. A document turns "ready" when its last
/// passage has a vector. Safe with several replicas: a vector is written only where none is yet.</summary>
internal sealed partial class EmbeddingWorker(EmbeddingProvider embeddingProvider, NpgsqlDataSource dataSource, VectorIndexSelector vectors, SearchIndex index,
    IOptions<KnowledgeOptions> options, ILogger<EmbeddingWorker> logger) : BackgroundService
{
    private const int MaxCharacters = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var generator = embeddingProvider.Generator;
        if (generator is null || !options.Value.Embeddings.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var embedded = await EmbedBatch(generator, stoppingToken);
                failures = 0;
                if (embedded == 0)
                {
                    await Task.Delay(options.Value.Ingestion.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or NpgsqlException or TaskCanceledException)
            {
                failures++;
                LogFailed(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures))), stoppingToken);
            }
        }
    }

    internal async Task<int> EmbedBatch(IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        var pending = new List<(long ChunkId, Guid DocumentId, string Text)>();
        await using (var select = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, d.title, c.section, c.text
            FROM knowledge.chunks c JOIN knowledge.documents d ON d.id = c.document_id
            WHERE c.embedding IS NULL ORDER BY c.id LIMIT @batch
            """))
        {
            select.Parameters.AddWithValue("batch", options.Value.Embeddings.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var heading = string.Join(". ", new[] { reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3) }.Where(s => !string.IsNullOrWhiteSpace(s)));
                var text = (heading.Length > 0 ? heading + ". " : "") + reader.GetString(4);
                pending.Add((reader.GetInt64(0), reader.GetGuid(1), text.Length > MaxCharacters ? text[..MaxCharacters] : text));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var embeddings = await generator.GenerateAsync(pending.Select(p => p.Text), cancellationToken: cancellationToken);
        UsageMeter.RecordEmbeddings(generator, embeddings, pending.Select(p => p.Text), UsageMeter.System);
        await vectors.Get(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlBatch(connection, transaction))
        {
            for (var i = 0; i < pending.Count; i++)
            {
                var command = new NpgsqlBatchCommand("UPDATE knowledge.chunks SET embedding = @embedding WHERE id = @id AND embedding IS NULL");
                command.Parameters.AddWithValue("id", pending[i].ChunkId);
                command.Parameters.AddWithValue("embedding", embeddings[i].Vector.ToArray());
                update.BatchCommands.Add(command);
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (vectors.PgVector is { } pgvector)
        {
            await pgvector.EnsureTable(embeddings[0].Vector.Length, cancellationToken);
            await PgVectorIndex.Upsert(connection, transaction, pending.Select((p, i) => (p.ChunkId, p.DocumentId, embeddings[i].Vector.ToArray())).ToList(), cancellationToken);
        }

        await using (var documents = new NpgsqlCommand($"""
            UPDATE knowledge.documents d SET index_revision = d.index_revision + 1,
                status = CASE WHEN d.status = '{DocumentStatus.Embedding}' AND p.pending = 0 THEN '{DocumentStatus.Ready}' ELSE d.status END,
                status_detail = CASE WHEN d.status = '{DocumentStatus.Embedding}' AND p.pending > 0
                    THEN 'embedding: ' || (d.chunk_count - p.pending) || ' of ' || d.chunk_count || ' passages' ELSE NULL END
            FROM (SELECT id, (SELECT count(*) FROM knowledge.chunks c WHERE c.document_id = x.id AND c.embedding IS NULL) AS pending
                  FROM unnest(@documents) AS x(id)) p
            WHERE d.id = p.id
            """, connection, transaction))
        {
            documents.Parameters.AddWithValue("documents", pending.Select(p => p.DocumentId).Distinct().ToArray());
            await documents.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        index.MarkStale();
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding batch failed ({ExceptionType}): {Reason}; retrying with back-off")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
