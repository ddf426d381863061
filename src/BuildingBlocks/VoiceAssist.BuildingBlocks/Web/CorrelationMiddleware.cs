using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when it is well-formed,
/// else the trace id), echoes it in the response, puts it in every log line, and logs one line per request:
/// method, route, status and duration. Never the query string or body: they may hold PHI.</summary>
internal sealed partial class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[Header].ToString();
        var correlationId = IsWellFormed(supplied) ? supplied : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[Header] = correlationId;
        context.Response.Headers[Header] = correlationId;
        Activity.Current?.SetTag("correlation.id", correlationId);
        using (LogContext.PushProperty("CorrelationId", correlationId))
        using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                var endpoint = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, context.Request.Method, endpoint, context.Response.StatusCode, elapsedMs);
            }
        }
    }

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
