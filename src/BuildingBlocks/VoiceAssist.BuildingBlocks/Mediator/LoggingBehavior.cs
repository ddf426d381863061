using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Logs each request's name, outcome and duration, and traces it. Never its content: requests may carry PHI.</summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var name = RequestName.Of(request);
        using var activity = Telemetry.ActivitySource.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next().ConfigureAwait(false);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, name, elapsedMs);
            return response;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogFailed(logger, name, elapsedMs, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {RequestName} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string requestName, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestName} failed after {ElapsedMs:0.0} ms with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string requestName, double elapsedMs, string exceptionType);
}

internal static class RequestName
{
    public static string Of(object? request) =>
        (request is IRequestEnvelope envelope ? envelope.Request : request)?.GetType().Name ?? "request";
}
