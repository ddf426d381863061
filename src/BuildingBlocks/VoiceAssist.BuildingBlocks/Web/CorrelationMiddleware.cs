using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serilog.Context;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when it is well-formed,
/// else the trace id), echoes it in the response and puts it in every log line, the request log line
/// (<see cref="RequestLogging"/>) included.</summary>
internal sealed class CorrelationMiddleware(RequestDelegate next)
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
            await next(context).ConfigureAwait(false);
        }
    }

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
