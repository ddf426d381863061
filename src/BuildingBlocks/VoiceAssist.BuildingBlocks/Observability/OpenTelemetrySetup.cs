using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>OpenTelemetry through OpenTelemetry.Extensions.Hosting: ASP.NET Core, HttpClient, Npgsql and runtime
/// instrumentation and the project's own source and meter. Metrics are always collected and served for Prometheus
/// at <c>/metrics</c> on the management port only (<c>Observability:Metrics:Port</c>); traces, metrics and logs go
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The usage meter (<see cref="UsageMeter"/>) is never
/// added: its measurements carry user ids.</summary>
public static class OpenTelemetrySetup
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    /// <summary>Every meter exported: the framework's (hosting, Kestrel, rate limiting, HttpClient, runtime, Npgsql) and
    /// the project's own. The instrumentations below subscribe to most of them; naming them here too makes the list
    /// one place that a test can read.</summary>
    private static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http", "System.Runtime", "Npgsql", Telemetry.Name];

    public const int DefaultMetricsPort = 9464;
    public const string MetricsPath = "/metrics";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void AddOpenTelemetryExport(this IServiceCollection services, ILoggingBuilder logging, IConfiguration configuration, string serviceName, ILogRedactor? logRedactor = null)
    {
        var otlp = IsEnabled(configuration);
        var endpoint = otlp ? new Uri(configuration[EndpointKey]!.TrimEnd('/') + "/") : null;
        var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter();
            if (endpoint is not null)
            {
                metrics.AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/metrics"));
            }
        });

        if (endpoint is null)
        {
            return;
        }

        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddSource(Telemetry.Name)
            .AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/traces")));
        logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName));
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

    /// <summary>The Prometheus scrape endpoint, answered only on the management port: the same path on the public
    /// port is not found. The host listens on the management port only where its URLs include it
    /// (<c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c>), and only the cluster's scraper is routed there.</summary>
    public static void UsePrometheusScrapeEndpoint(this IApplicationBuilder app, IConfiguration configuration)
    {
        var port = configuration.GetValue("Observability:Metrics:Port", DefaultMetricsPort);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Connection.LocalPort == port && context.Request.Path == MetricsPath);
    }

    /// <summary>OTLP over HTTP wants one path per signal; gRPC uses the bare endpoint.</summary>
    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string httpPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, httpPath) : endpoint;
    }
}
