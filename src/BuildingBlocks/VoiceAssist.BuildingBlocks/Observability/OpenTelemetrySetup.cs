using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", Telemetry.Name];
    private static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http", "System.Runtime", "Npgsql", Telemetry.Name];

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void AddOpenTelemetryExport(this IServiceCollection services, ILoggingBuilder logging, IConfiguration configuration, string serviceName, ILogRedactor? logRedactor = null)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }

        var endpoint = new Uri(configuration[EndpointKey]!.TrimEnd('/') + "/");
        var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/traces"))
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/metrics"))
            .Build());
        logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(resource);
            // Scopes are not exported: they can carry request content that the redactor below never sees.
            options.IncludeScopes = false;
            if (logRedactor is not null)
            {
                // Registered before the exporter, so records leave the process only after redaction.
                options.AddProcessor(new RedactingLogProcessor(logRedactor));
            }

            options.AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/logs"));
        });
    }

    /// <summary>OTLP over HTTP wants one path per signal; gRPC uses the bare endpoint.</summary>
    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string httpPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, httpPath) : endpoint;
    }

    /// <summary>Resolves the providers once so they start listening before the first request.</summary>
    public static void StartOpenTelemetryExport(this IServiceProvider services)
    {
        services.GetService<TracerProvider>();
        services.GetService<MeterProvider>();
    }
}
