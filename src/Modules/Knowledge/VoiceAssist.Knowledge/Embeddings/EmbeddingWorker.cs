using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Knowledge.Documents;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>Gives every passage without a vector of the configured model its embedding, in batches, after it is
/// already searchable by keyword: ingestion never waits for the (slow, CPU-bound) embedder. A document turns "ready"
/// when its last passage has a vector. When the model changes (<see cref="EmbeddingProvider"/> reads the setting at
/// every round), every vector made by another model is made again here, in the background, with progress logged and
/// shown by <c>GET /api/knowledge/status</c>. Safe with several replicas: a vector is written only where the passage
/// still has none of this model.</summary>
internal sealed partial class EmbeddingWorker(EmbeddingProvider embeddingProvider, NpgsqlDataSource dataSource, VectorIndexSelector vectors, SearchIndex index,
    IOptionsMonitor<KnowledgeOptions> options, TimeProvider time, ILogger<EmbeddingWorker> logger) : BackgroundService
{
    private const int MaxCharacters = 2000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        var lastProgress = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var settings = options.CurrentValue;
                var generator = settings.Embeddings.WorkerEnabled ? embeddingProvider.Generator : null;
                var model = embeddingProvider.Model;
                var embedded = generator is null || model is null ? 0 : await EmbedBatch(generator, model, stoppingToken);
                failures = 0;
                if (embedded == 0)
                {
                    await Task.Delay(settings.Ingestion.PollInterval, stoppingToken);
                }
                else if (time.GetUtcNow() - lastProgress >= ProgressInterval)
                {
                    lastProgress = time.GetUtcNow();
                    var (done, total) = await Progress(model!, stoppingToken);
                    LogProgress(logger, model!, done, total);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or NpgsqlException or TaskCanceledException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                failures++;
                LogFailed(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures))), stoppingToken);
            }
        }
    }

    /// <summary>Passages whose vector is of this model, of all passages.</summary>
    internal async Task<(long Done, long Total)> Progress(string model, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FILTER (WHERE embedding_model = @model), count(*) FROM knowledge.chunks");
        command.Parameters.AddWithValue("model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    internal async Task<int> EmbedBatch(IEmbeddingGenerator<string, Embedding<float>> generator, string model, CancellationToken cancellationToken)
    {
        var pending = new List<(long ChunkId, Guid DocumentId, string Text)>();
        // Passages without a vector first (new documents), then those whose vector another model made; each branch
        // is an index range scan, so an idle round costs two index probes however large the knowledge base.
        await using (var select = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, d.title, c.section, c.text
            FROM (
                (SELECT id FROM knowledge.chunks WHERE embedding IS NULL ORDER BY id LIMIT @batch)
                UNION ALL (SELECT id FROM knowledge.chunks WHERE embedding_model < @model ORDER BY embedding_model, id LIMIT @batch)
                UNION ALL (SELECT id FROM knowledge.chunks WHERE embedding_model > @model ORDER BY embedding_model, id LIMIT @batch)
                LIMIT @batch) p
            JOIN knowledge.chunks c ON c.id = p.id JOIN knowledge.documents d ON d.id = c.document_id
            """))
        {
            select.Parameters.AddWithValue("batch", Math.Max(1, options.CurrentValue.Embeddings.BatchSize));
            select.Parameters.AddWithValue("model", model);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var heading = string.Join(". ", new[] { reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3) }.Where(s => !string.IsNullOrWhiteSpace(s)));
                var body = reader.GetString(4);
                // A title-only document's passage is its title: embedded once, not twice.
                var text = heading.Length > 0 && body.Length > 0 && body != heading ? heading + ". " + body : heading.Length > 0 ? heading : body;
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
        // With pgvector, through its client's data source, so the passages and their vector rows commit together.
        await using var connection = await (vectors.PgVector?.DataSource ?? dataSource).OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlBatch(connection, transaction))
        {
            for (var i = 0; i < pending.Count; i++)
            {
                var command = new NpgsqlBatchCommand("""
                    UPDATE knowledge.chunks SET embedding = @embedding, embedding_model = @model
                    WHERE id = @id AND (embedding IS NULL OR embedding_model IS DISTINCT FROM @model)
                    """);
                command.Parameters.AddWithValue("id", pending[i].ChunkId);
                command.Parameters.AddWithValue("model", model);
                command.Parameters.AddWithValue("embedding", embeddings[i].Vector.ToArray());
                update.BatchCommands.Add(command);
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (vectors.PgVector is { } pgvector)
        {
            await pgvector.EnsureTable(embeddings[0].Vector.Length, cancellationToken);
            await PgVectorIndex.Upsert(connection, transaction, model, pending.Select((p, i) => (p.ChunkId, p.DocumentId, embeddings[i].Vector.ToArray())).ToList(), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding with {Model}: {Done} of {Total} passages")]
    private static partial void LogProgress(ILogger logger, string model, long done, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding batch failed ({ExceptionType}): {Reason}; retrying with back-off")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
