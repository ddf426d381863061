using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>The project's own trace source and meter, exported next to ASP.NET Core's, HttpClient's and Npgsql's.</summary>
public static class Telemetry
{
    public const string Name = "VoiceAssist";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}

internal static class OutboxTelemetry
{
    public static readonly Counter<long> Dispatched = Telemetry.Meter.CreateCounter<long>("voiceassist.outbox.dispatched", "{message}", "Outbox messages delivered to every consumer");
    public static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>("voiceassist.outbox.failed", "{message}", "Outbox deliveries that failed and will be retried");
    public static readonly Counter<long> DeadLettered = Telemetry.Meter.CreateCounter<long>("voiceassist.outbox.dead_lettered", "{message}", "Outbox messages moved to the dead letters");
    public static readonly Histogram<double> CommitToConsumed = Telemetry.Meter.CreateHistogram<double>("voiceassist.outbox.commit_to_consumed", "ms", "Time from the business commit to the consumers' commit");

    /// <summary>The backlog as the outbox health check last read it (every module; the same for every replica).
    /// Written with one reference assignment, so a collection never sees half of a reading.</summary>
    private static BacklogReading? backlog;

    private static readonly ObservableGauge<long> Pending = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.outbox.pending", () => backlog is { } b ? [new Measurement<long>(b.Pending)] : Array.Empty<Measurement<long>>(), "{message}", "Outbox messages waiting for delivery");

    private static readonly ObservableGauge<long> DeadLetters = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.outbox.dead_letters", () => backlog is { } b ? [new Measurement<long>(b.DeadLetters)] : Array.Empty<Measurement<long>>(), "{message}", "Outbox messages dead-lettered and not yet re-driven");

    private static readonly ObservableGauge<double> OldestPendingAge = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.outbox.oldest_pending_age", () => backlog is { } b ? [new Measurement<double>(b.OldestPendingAgeSeconds)] : Array.Empty<Measurement<double>>(), "s", "Age of the oldest message waiting for delivery (0 when none)");

    public static void RecordBacklog(long pending, long deadLetters, TimeSpan oldestPendingAge)
    {
        backlog = new BacklogReading(pending, deadLetters, Math.Round(oldestPendingAge.TotalSeconds, 1));
        GC.KeepAlive(Pending);
        GC.KeepAlive(DeadLetters);
        GC.KeepAlive(OldestPendingAge);
    }

    private sealed record BacklogReading(long Pending, long DeadLetters, double OldestPendingAgeSeconds);
}
