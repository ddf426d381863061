using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;


namespace VoiceAssist.Compliance.Retention;

/// <summary>Runs the retention purge on a schedule. With several replicas each runs it; the purges are idempotent
/// (a second run finds nothing left to delete) and serialised by the audit chain's lock.</summary>
internal sealed partial class RetentionPurgeService(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = options.Value;
        if (!policy.Enabled)
        {
            return;
        }

        try
        {
            await Task.Delay(policy.FirstPurgeDelay, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await PurgeOnce(stoppingToken);
                await Task.Delay(policy.PurgeInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task PurgeOnce(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var purged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunRetentionPurge.RunRetentionPurge(), cancellationToken);
            LogPurged(logger, purged.Conversations, purged.Turns, purged.AuditEntries, purged.ActiveHolds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge removed {Conversations} conversations, {Turns} turns and {AuditEntries} audit entries; {Holds} legal holds active")]
    private static partial void LogPurged(ILogger logger, int conversations, int turns, long auditEntries, int holds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention purge failed with {ExceptionType}; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
