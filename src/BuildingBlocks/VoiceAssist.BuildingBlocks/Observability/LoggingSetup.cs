using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>Serilog writing one JSON object per line, enriched with the trace and span ids and whatever the request
/// pushed (correlation id, request id). Levels and extra sinks come from the <c>Serilog</c> configuration section.
/// With an <see cref="ILogRedactor"/>, every sink (the console, the configured ones and <c>extraSinks</c>) sits behind
/// it: message templates, property values (log context and scopes included) and exception messages are redacted
/// before anything is written.</summary>
public static class LoggingSetup
{
    public static Serilog.ILogger CreateLogger(IConfiguration configuration, params ILogEventEnricher[] extraEnrichers) =>
        CreateLogger(configuration, redactor: null, extraSinks: null, extraEnrichers);

    public static Serilog.ILogger CreateLogger(
        IConfiguration configuration, ILogRedactor? redactor, Action<LoggerSinkConfiguration>? extraSinks = null, params ILogEventEnricher[] extraEnrichers) =>
        Configure(new LoggerConfiguration(), configuration, redactor, extraSinks, extraEnrichers).CreateLogger();

    /// <summary>Sets up <paramref name="logger"/> as <see cref="CreateLogger(IConfiguration, ILogRedactor?, Action{LoggerSinkConfiguration}?, ILogEventEnricher[])"/>
    /// describes (for Serilog.AspNetCore's <c>AddSerilog</c>, which builds the logger itself).</summary>
    public static LoggerConfiguration Configure(
        LoggerConfiguration logger, IConfiguration configuration, ILogRedactor? redactor, Action<LoggerSinkConfiguration>? extraSinks = null, params ILogEventEnricher[] extraEnrichers)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .ReadFrom.Configuration(SerilogSection(configuration, sinks: false))
            .Enrich.FromLogContext()
            .Enrich.With(new TraceEnricher())
            .Enrich.With(extraEnrichers);

        void Sinks(LoggerSinkConfiguration writeTo)
        {
            writeTo.Console(new JsonFormatter(renderMessage: true));
            writeTo.Logger(configured => configured.MinimumLevel.Verbose().ReadFrom.Configuration(SerilogSection(configuration, sinks: true)));
            extraSinks?.Invoke(writeTo);
        }

        if (redactor is null)
        {
            Sinks(logger.WriteTo);
        }
        else
        {
            logger.WriteTo.Sink(LoggerSinkConfiguration.Wrap(sink => new RedactingSink(sink, redactor), Sinks));
        }

        return logger;
    }

    /// <summary>The <c>Serilog</c> section split in two: levels and enrichers for the pipeline, sinks for behind the
    /// redaction, so no configured sink can bypass it.</summary>
    private static IConfiguration SerilogSection(IConfiguration configuration, bool sinks) =>
        new ConfigurationBuilder().AddInMemoryCollection(configuration.GetSection("Serilog").AsEnumerable()
            .Where(kv => kv.Value is not null && IsSinkKey(kv.Key) == sinks)).Build();

    private static bool IsSinkKey(string key) =>
        key.StartsWith("Serilog:WriteTo", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Serilog:AuditTo", StringComparison.OrdinalIgnoreCase);

    private sealed class TraceEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (Activity.Current is { } activity)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("TraceId", activity.TraceId.ToString()));
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("SpanId", activity.SpanId.ToString()));
            }
        }
    }

    /// <summary>Rewrites each event before the sinks see it: the template's literal text, every string value and the
    /// exception's messages go through the redactor. Templates are few and repeat, so their redaction is cached.</summary>
    private sealed class RedactingSink(ILogEventSink inner, ILogRedactor redactor) : ILogEventSink, IDisposable
    {
        private const int MaxCachedTemplates = 4096;
        private readonly ConcurrentDictionary<string, MessageTemplate> templates = new(StringComparer.Ordinal);
        private readonly MessageTemplateParser parser = new();

        public void Emit(LogEvent logEvent)
        {
            var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redact(p.Value))).ToList();
            var exception = logEvent.Exception is null ? null : new RedactedException(logEvent.Exception, redactor);
            inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, Redact(logEvent.MessageTemplate), properties,
                logEvent.TraceId ?? default, logEvent.SpanId ?? default));
        }

        public void Dispose() => (inner as IDisposable)?.Dispose();

        private MessageTemplate Redact(MessageTemplate template)
        {
            if (templates.TryGetValue(template.Text, out var cached))
            {
                return cached;
            }

            var text = new StringBuilder(template.Text.Length);
            foreach (var token in template.Tokens)
            {
                text.Append(token is TextToken literal
                    ? redactor.Redact(literal.Text).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
                    : token.ToString());
            }

            var redacted = parser.Parse(text.ToString());
            if (templates.Count < MaxCachedTemplates)
            {
                templates.TryAdd(template.Text, redacted);
            }

            return redacted;
        }

        private LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
        {
            ScalarValue { Value: string text } => new ScalarValue(redactor.Redact(text)),
            ScalarValue { Value: null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
                or Guid or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly or Enum } => value,
            ScalarValue scalar => new ScalarValue(redactor.Redact(scalar.Value.ToString() ?? string.Empty)),
            SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
            StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value))), structure.TypeTag),
            DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(kv =>
                new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Redact(kv.Key), Redact(kv.Value)))),
            _ => value,
        };
    }

    /// <summary>Stands in for a logged exception: same type name and stack trace, messages redacted (inner ones too).</summary>
    private sealed class RedactedException(Exception original, ILogRedactor redactor) : Exception(redactor.Redact(original.Message))
    {
        private readonly string description = Describe(original, redactor);

        public override string? StackTrace => original.StackTrace;

        public override string ToString() => description;

        private static string Describe(Exception exception, ILogRedactor redactor)
        {
            var text = new StringBuilder().Append(exception.GetType().FullName).Append(": ").Append(redactor.Redact(exception.Message));
            var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
            foreach (var innerException in inner)
            {
                text.Append(" ---> ").Append(Describe(innerException, redactor)).AppendLine().Append("   --- End of inner exception stack trace ---");
            }

            if (exception.StackTrace is { } stackTrace)
            {
                text.AppendLine().Append(stackTrace);
            }

            return text.ToString();
        }
    }
}
