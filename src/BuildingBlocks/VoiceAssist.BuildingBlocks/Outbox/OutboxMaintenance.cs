using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Modules;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>A dead-lettered message as operators see it.</summary>
public sealed record DeadLetter(string Module, Guid Id, string Type, int Attempts, string? LastError, DateTime OccurredAt, DateTime DeadLetteredAt);

/// <summary>Backlog of every module's outbox.</summary>
public sealed record OutboxBacklog(long Pending, long DeadLettered, DateTime? OldestPendingAt);

/// <summary>Operator-facing reads and repairs of the outboxes: backlog, dead letters, re-drive, purge.</summary>
public sealed class OutboxMaintenance(NpgsqlDataSource dataSource, IEnumerable<ModuleDescriptor> modules, IOptions<OutboxOptions> options)
{
    public async Task<OutboxBacklog> Backlog(CancellationToken cancellationToken)
    {
        long pending = 0, dead = 0;
        DateTime? oldest = null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var module in modules)
        {
            var row = await connection.QuerySingleAsync<(long Pending, long Dead, DateTime? Oldest)>(new CommandDefinition(
                $"""
                SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_lettered_at IS NULL),
                       count(*) FILTER (WHERE dead_lettered_at IS NOT NULL),
                       min(enqueued_at) FILTER (WHERE processed_at IS NULL AND dead_lettered_at IS NULL)
                FROM {module.Schema}.outbox_messages WHERE processed_at IS NULL
                """, cancellationToken: cancellationToken)).ConfigureAwait(false);
            pending += row.Pending;
            dead += row.Dead;
            if (row.Oldest is { } moduleOldest && (oldest is null || moduleOldest < oldest))
            {
                oldest = moduleOldest;
            }
        }

        return new OutboxBacklog(pending, dead, oldest);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLetters(CancellationToken cancellationToken)
    {
        var all = new List<DeadLetter>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var module in modules)
        {
            all.AddRange(await connection.QueryAsync<DeadLetter>(new CommandDefinition(
                $"""
                SELECT @module AS Module, id AS Id, type AS Type, attempts AS Attempts, last_error AS LastError,
                       occurred_at AS OccurredAt, dead_lettered_at AS DeadLetteredAt
                FROM {module.Schema}.outbox_messages WHERE dead_lettered_at IS NOT NULL
                ORDER BY dead_lettered_at DESC LIMIT 500
                """, new { module = module.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        return all;
    }

    /// <summary>Puts a dead-lettered message back in line with a fresh attempt count. False when there is no such
    /// dead letter.</summary>
    public async Task<bool> Redrive(string moduleName, Guid messageId, CancellationToken cancellationToken)
    {
        var module = modules.FirstOrDefault(m => string.Equals(m.Name, moduleName, StringComparison.OrdinalIgnoreCase));
        if (module is null)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {module.Schema}.outbox_messages
            SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL
            WHERE id = @messageId AND dead_lettered_at IS NOT NULL
            """, new { messageId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task PurgeProcessed(CancellationToken cancellationToken)
    {
        var cutoff = DateTimeOffset.UtcNow - options.Value.RetainProcessedFor;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var module in modules)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                DELETE FROM {module.Schema}.outbox_messages WHERE processed_at < @cutoff;
                DELETE FROM {module.Schema}.inbox_messages WHERE processed_at < @cutoff;
                """, new { cutoff }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
