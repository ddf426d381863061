using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>The outbox backlog as gauges on the project's meter: messages pending and dead-lettered (label
/// <c>state</c>) and the age of the oldest pending one. A scrape never waits for the database: the figures are read
/// every <see cref="Interval"/> in the background and the gauges report the last reading.</summary>
internal sealed partial class OutboxBacklogMetrics : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    // One set of instruments per process (the meter is static); the last reading of any host in it is reported.
    private static volatile Reading? last;

    private readonly OutboxMaintenance maintenance;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxBacklogMetrics> logger;

    static OutboxBacklogMetrics()
    {
        Telemetry.Meter.CreateObservableGauge("voiceassist.outbox.backlog", Backlog, "{message}", "Outbox messages not yet delivered, by state (pending, dead_lettered)");
        Telemetry.Meter.CreateObservableGauge("voiceassist.outbox.oldest_pending_age", OldestPendingAge, "s", "Age of the oldest pending outbox message (0 when none is pending)");
    }

    public OutboxBacklogMetrics(OutboxMaintenance maintenance, TimeProvider time, ILogger<OutboxBacklogMetrics> logger)
    {
        this.maintenance = maintenance;
        this.time = time;
        this.logger = logger;
    }

    private sealed record Reading(OutboxBacklog Backlog, double OldestPendingSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var backlog = await maintenance.Backlog(stoppingToken).ConfigureAwait(false);
                var age = backlog.OldestPendingAt is { } oldest ? Math.Max(0, (time.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0;
                last = new Reading(backlog, age);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogUnreadable(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static IEnumerable<Measurement<long>> Backlog() => last is { } reading
        ? [new(reading.Backlog.Pending, new KeyValuePair<string, object?>("state", "pending")), new(reading.Backlog.DeadLettered, new KeyValuePair<string, object?>("state", "dead_lettered"))]
        : [];

    private static IEnumerable<Measurement<double>> OldestPendingAge() => last is { } reading ? [new(reading.OldestPendingSeconds)] : [];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox backlog not read for the metrics")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
