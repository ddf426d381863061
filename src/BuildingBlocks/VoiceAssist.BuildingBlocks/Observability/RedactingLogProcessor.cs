using OpenTelemetry;
using OpenTelemetry.Logs;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>Scrubs PHI from log records bound for OTLP, as the Serilog pipeline does for its sinks: the body, the
/// formatted message and every string attribute. Exception text is not exported at all, only its type.</summary>
internal sealed class RedactingLogProcessor(ILogRedactor redactor) : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Body is { } body)
        {
            data.Body = redactor.Redact(body);
        }

        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = redactor.Redact(message);
        }

        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = attributes
                .Select(a => a.Value is string text ? new KeyValuePair<string, object?>(a.Key, redactor.Redact(text)) : a)
                .ToList();
        }

        if (data.Exception is { } exception)
        {
            data.Attributes = [.. data.Attributes ?? [], new KeyValuePair<string, object?>("exception.type", exception.GetType().FullName)];
            data.Exception = null;
        }
    }
}
