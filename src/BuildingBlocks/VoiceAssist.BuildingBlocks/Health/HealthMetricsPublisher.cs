using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.BuildingBlocks.Health;

/// <summary>Runs every health check periodically (<see cref="HealthCheckPublisherOptions"/>) and exports each one's
/// latest status as <c>voiceassist.health.status</c> (1 healthy, 0.5 degraded, 0 unhealthy, by <c>check</c>), so
/// dashboards and alerts see what the probes see. The outbox check run here also refreshes the outbox gauges.</summary>
internal sealed class HealthMetricsPublisher : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (name, entry) in report.Entries)
        {
            HealthTelemetry.Latest[name] = entry.Status;
        }

        HealthTelemetry.EnsureCreated();
        return Task.CompletedTask;
    }
}

internal static class HealthTelemetry
{
    public static readonly ConcurrentDictionary<string, HealthStatus> Latest = new(StringComparer.Ordinal);

    private static readonly ObservableGauge<double> Status = Telemetry.Meter.CreateObservableGauge(
        "voiceassist.health.status",
        () => Latest.Select(pair => new Measurement<double>(Value(pair.Value), new KeyValuePair<string, object?>("check", pair.Key))),
        "{status}",
        "Latest result of each health check: 1 healthy, 0.5 degraded, 0 unhealthy");

    /// <summary>Keeps the gauge (which nothing else reads) referenced once a first report is in.</summary>
    public static void EnsureCreated() => GC.KeepAlive(Status);

    private static double Value(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };
}
