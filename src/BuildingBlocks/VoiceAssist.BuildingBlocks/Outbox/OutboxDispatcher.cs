using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Modules;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>The one background loop that drains every module's outbox. Every host replica runs it; row locks
/// with SKIP LOCKED share the work between them.</summary>
internal sealed partial class OutboxDispatcher(
    OutboxProcessor processor,
    OutboxMaintenance maintenance,
    IEnumerable<ModuleDescriptor> modules,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        var failures = 0;
        var nextMaintenance = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await DrainOnce(stoppingToken).ConfigureAwait(false);
                if (DateTimeOffset.UtcNow >= nextMaintenance)
                {
                    await maintenance.PurgeProcessed(stoppingToken).ConfigureAwait(false);
                    nextMaintenance = DateTimeOffset.UtcNow + MaintenanceInterval;
                }

                failures = 0;
                if (handled == 0)
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the dispatcher must outlive a database outage; it backs off and tries again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                LogPassFailed(logger, ex, failures);
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass over every module; returns how many messages were claimed.</summary>
    internal async Task<int> DrainOnce(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var module in modules)
        {
            handled += await processor.ProcessBatch(module, cancellationToken).ConfigureAwait(false);
        }

        return handled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch pass {Failures} failed in a row; backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, int failures);
}
