using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
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

/// <summary>Degraded (still serving) when messages are dead-lettered or the oldest pending one is late.</summary>
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

        var data = new Dictionary<string, object> { ["pending"] = backlog.Pending, ["deadLettered"] = backlog.DeadLettered };
        var late = backlog.OldestPendingAt is { } oldest && DateTime.UtcNow - oldest > options.Value.BacklogAgeWarning;
        if (backlog.DeadLettered > 0 || late)
        {
            return HealthCheckResult.Degraded(
                $"{backlog.DeadLettered} dead-lettered message(s); oldest pending since {backlog.OldestPendingAt:O}", data: data);
        }

        return HealthCheckResult.Healthy($"{backlog.Pending} pending", data);
    }
}
