using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>Traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, from .NET's own
/// sources (ASP.NET Core, Kestrel, HttpClient, Npgsql, runtime) and the project's. The providers are singletons,
/// so disposing the container at shutdown flushes them.</summary>
public static class OpenTelemetrySetup
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", Telemetry.Name];
    private static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime", "Npgsql", Telemetry.Name];

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void AddOpenTelemetryExport(this IServiceCollection services, ILoggingBuilder logging, IConfiguration configuration, string serviceName)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter()
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter()
            .Build());
        logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(resource);
            options.IncludeScopes = true;
            options.AddOtlpExporter();
        });
    }

    /// <summary>Resolves the providers once so they start listening before the first request.</summary>
    public static void StartOpenTelemetryExport(this IServiceProvider services)
    {
        services.GetService<TracerProvider>();
        services.GetService<MeterProvider>();
    }
}
