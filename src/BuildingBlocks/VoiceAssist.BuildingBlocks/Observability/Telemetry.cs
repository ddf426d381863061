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
}
