using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Knowledge.Documents;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge;

/// <summary>The knowledge base's queue instruments on the project's meter: the
/// ingestion and embedding queues (searches that fell back to keywords are counted by `KeywordFallback` in Search/HybridSearch.cs) (both are tables, so they are the same on every replica).</summary>
internal static class KnowledgeTelemetry
{
    private static QueueReading? queues;

    private static readonly ObservableGauge<long> IngestionQueued = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.knowledge.ingestion.queued", () => queues is { } q ? [new Measurement<long>(q.Documents)] : Array.Empty<Measurement<long>>(),
        "{document}", "Documents queued for or in text extraction");

    private static readonly ObservableGauge<long> EmbeddingPending = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.knowledge.embedding.pending", () => queues is { } q ? [new Measurement<long>(q.Passages)] : Array.Empty<Measurement<long>>(),
        "{passage}", "Passages waiting for their embedding (0 when embeddings are off)");

    public static void RecordQueues(long documents, long passages)
    {
        queues = new QueueReading(documents, passages);
        GC.KeepAlive(IngestionQueued);
        GC.KeepAlive(EmbeddingPending);
    }

    private sealed record QueueReading(long Documents, long Passages);
}

/// <summary>Reads the queue depths every 15 seconds for <see cref="KnowledgeTelemetry"/>.</summary>
internal sealed partial class KnowledgeQueueSampler(NpgsqlDataSource dataSource, EmbeddingAvailability embeddings, ILogger<KnowledgeQueueSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Sample(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // No database yet (migrations pending) or not reachable: the readiness check reports that; try again later.
                LogSampleFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task Sample(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM knowledge.documents WHERE status IN ('{DocumentStatus.Queued}', '{DocumentStatus.Extracting}')),
                   (SELECT count(*) FROM knowledge.chunks WHERE embedding IS NULL)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        KnowledgeTelemetry.RecordQueues(reader.GetInt64(0), embeddings.Enabled ? reader.GetInt64(1) : 0);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge queue depths could not be read.")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
