using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.BuildingBlocks.Outbox;

namespace VoiceAssist.BuildingBlocks.Health;

/// <summary>Ready when PostgreSQL answers a query within the check's time.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // Broken pooled connections would otherwise fail the next checks after the server is back.
            NpgsqlConnection.ClearAllPools();
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable: " + ex.GetType().Name);
        }
    }
}

/// <summary>Healthy when Redis answers PING; otherwise the registration's failure status (Degraded: the host still
/// serves without it).</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Redis is unreachable: " + ex.GetType().Name + "; rate limits count per replica until it is back");
        }
    }
}

/// <summary>Degraded when messages are dead-lettered (parked until an operator re-drives them; nothing piles up behind
/// them); Unhealthy when the oldest pending message is older than <see cref="OutboxOptions.BacklogAgeWarning"/>, that
/// is undelivered work piling up, or when the outbox cannot be read.</summary>
internal sealed class OutboxHealthCheck(OutboxMaintenance outbox, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        OutboxBacklog backlog;
        try
        {
            backlog = await outbox.Backlog(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Outbox backlog could not be read: " + ex.GetType().Name);
        }

        var age = backlog.OldestPendingAt is { } oldest ? DateTime.UtcNow - oldest : TimeSpan.Zero;
        OutboxTelemetry.RecordBacklog(backlog.Pending, backlog.DeadLettered, age);
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["deadLettered"] = backlog.DeadLettered,
            ["oldestPendingAgeSeconds"] = Math.Round(age.TotalSeconds, 1),
        };
        if (age > options.Value.BacklogAgeWarning)
        {
            return HealthCheckResult.Unhealthy(
                $"{backlog.Pending} pending, the oldest since {backlog.OldestPendingAt:O}: delivery is not keeping up", data: data);
        }

        if (backlog.DeadLettered > 0)
        {
            return HealthCheckResult.Degraded($"{backlog.DeadLettered} dead-lettered message(s) wait for a re-drive", data: data);
        }

        return HealthCheckResult.Healthy($"{backlog.Pending} pending", data);
    }
}
