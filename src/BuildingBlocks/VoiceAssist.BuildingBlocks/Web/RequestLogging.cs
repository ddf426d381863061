using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog.AspNetCore;
using Serilog.Events;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Serilog.AspNetCore's request logging, one line per request: method, route template, status and duration,
/// with the correlation id from the log context. Never the query string or body (they may hold PHI). Health probes
/// and metric scrapes, which arrive every few seconds, are logged at Verbose, so they stay out of the default logs;
/// server errors at Error.</summary>
internal static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0} ms";

    public static void Configure(RequestLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageTemplate = MessageTemplate;
        options.IncludeQueryInRequestPath = false;
        options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : IsProbeOrScrape(context.Request.Path) ? LogEventLevel.Verbose
            : LogEventLevel.Information;
        options.EnrichDiagnosticContext = (diagnostics, context) =>
            diagnostics.Set("Route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
