using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>Claims one batch of a module's due outbox messages with <c>FOR UPDATE SKIP LOCKED</c> (so replicas
/// never claim the same row at once), delivers each to its consumers, and records the outcome in the same
/// transaction as the claim. A crash before the commit releases the claim and the batch is delivered again;
/// consumers' inboxes make that harmless.</summary>
internal sealed partial class OutboxProcessor(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    EventTypeRegistry eventTypes,
    IOptions<OutboxOptions> options,
    ILogger<OutboxProcessor> logger)
{
    private readonly OutboxOptions settings = options.Value;

    public async Task<int> ProcessBatch(ModuleDescriptor module, CancellationToken cancellationToken)
    {
        // Polling every module many times a second would flood the trace pipeline with empty claims: the claim is
        // not traced; deliveries are.
        var quietClaim = OpenTelemetry.SuppressInstrumentationScope.Begin();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = (await connection.QueryAsync<PendingMessage>(new CommandDefinition(
            $"""
            SELECT id AS Id, type AS Type, payload AS Payload, attempts AS Attempts, enqueued_at AS EnqueuedAt
            FROM {module.Schema}.outbox_messages
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= now()
            ORDER BY enqueued_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """,
            new { limit = settings.BatchSize }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        quietClaim.Dispose();
        if (batch.Count == 0)
        {
            return 0;
        }

        var delivered = new ConcurrentBag<Guid>();
        var failed = new ConcurrentBag<(PendingMessage Message, string Error)>();
        await Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConcurrentDeliveries), CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                try
                {
                    await Deliver(message, ct).ConfigureAwait(false);
                    delivered.Add(message.Id);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // any consumer failure is recorded on the message and retried later
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failed.Add((message, Describe(ex)));
                }
            }).ConfigureAwait(false);

        if (!delivered.IsEmpty)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {module.Schema}.outbox_messages SET processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(@ids)",
                new { ids = delivered.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var (message, error) in failed)
        {
            var attempts = message.Attempts + 1;
            var deadLetter = attempts >= settings.MaxAttempts;
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {module.Schema}.outbox_messages
                SET attempts = @attempts, last_error = @error, next_attempt_at = now() + @delay,
                    dead_lettered_at = CASE WHEN @deadLetter THEN now() END
                WHERE id = @id
                """,
                new { id = message.Id, attempts, error, delay = RetryDelay(attempts), deadLetter },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (deadLetter)
            {
                LogDeadLettered(logger, module.Schema, message.Id, message.Type, attempts);
                OutboxTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("module", module.Name));
            }
            else
            {
                LogRetry(logger, module.Schema, message.Id, message.Type, attempts);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        OutboxTelemetry.Dispatched.Add(delivered.Count, new KeyValuePair<string, object?>("module", module.Name));
        OutboxTelemetry.Failed.Add(failed.Count, new KeyValuePair<string, object?>("module", module.Name));
        return batch.Count;
    }

    /// <summary>Exponential backoff from the first delay, capped, with up to 20% jitter so replicas spread out.</summary>
    internal TimeSpan RetryDelay(int attempts)
    {
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(capped * (1 + (Random.Shared.NextDouble() * 0.2)));
#pragma warning restore CA5394
    }

    private async Task Deliver(PendingMessage message, CancellationToken cancellationToken)
    {
        var eventType = eventTypes.Find(message.Type);
        if (eventType is null)
        {
            return; // nothing in this process consumes it
        }

        using var activity = Telemetry.ActivitySource.StartActivity("outbox deliver " + eventType.Name, ActivityKind.Consumer);
        var integrationEvent = (IIntegrationEvent)(JsonSerializer.Deserialize(message.Payload, eventType, ModuleDbContext.EventJson)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload."));
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(integrationEvent, cancellationToken).ConfigureAwait(false);
        OutboxTelemetry.CommitToConsumed.Record((DateTimeOffset.UtcNow - message.EnqueuedAt).TotalMilliseconds);
    }

    private static string Describe(Exception ex)
    {
        var text = ex is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(inner => $"{inner.GetType().Name}: {inner.Message}"))
            : $"{ex.GetType().Name}: {ex.Message}";
        return text.Length > 2000 ? text[..2000] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Schema}/{MessageId} ({Type}) failed on attempt {Attempts}; it will be retried")]
    private static partial void LogRetry(ILogger logger, string schema, Guid messageId, string type, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Schema}/{MessageId} ({Type}) dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string schema, Guid messageId, string type, int attempts);

    internal sealed record PendingMessage(Guid Id, string Type, string Payload, int Attempts, DateTime EnqueuedAt);
}
