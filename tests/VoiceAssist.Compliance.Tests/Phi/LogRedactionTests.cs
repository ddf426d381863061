using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Compliance.Tests.Phi;

/// <summary>Logs realistic clinical text through every path into a captured sink behind the platform's logging
/// pipeline and checks that none of the identifiers reached it.</summary>
public sealed class LogRedactionTests
{
    private const string PatientName = "Eleanor Whitcombe";
    private const string Mrn = "MRN 7730412";
    private const string Dob = "04/12/1931";
    private const string Phone = "(617) 555-0134";
    private const string Email = "eleanor.whitcombe@mailbox.example";
    private const string Ssn = "123-45-6789";

    private static readonly string[] Identifiers =
        ["Eleanor", "Whitcombe", "7730412", Dob, "555-0134", Email, Ssn, "Okafor", "Priya", "1200 Maple Avenue"];

    private static readonly string ClinicalNote =
        $"Patient {PatientName} ({Mrn}, DOB {Dob}) seen by Dr. Okafor. Daughter Priya can be reached at {Phone} or {Email}. SSN {Ssn}. Lives at 1200 Maple Avenue.";

    [Fact]
    public void Structured_properties_never_reach_the_sink_with_phi()
    {
        var (factory, sink) = Pipeline();
        var logger = factory.CreateLogger("Clinical");

        logger.LogInformation("Transcript received {Transcript} for {Patient} born {Dob}", ClinicalNote, PatientName, Dob);
        logger.LogInformation("Request {@Request}", new { Note = ClinicalNote, Contact = new[] { Phone, Email }, Ids = new Dictionary<string, string> { [Mrn] = Ssn } });

        sink.AssertNoPhi();
        sink.Text.Should().Contain("[NAME]").And.Contain("[DATE]");
    }

    [Fact]
    public void Text_baked_into_the_message_template_is_redacted()
    {
        var (factory, sink) = Pipeline();
        var logger = factory.CreateLogger("Clinical");

#pragma warning disable CA2254 // the point of the test: an interpolated message puts PHI into the template itself
        logger.LogWarning($"Could not save note: {ClinicalNote}");
#pragma warning restore CA2254

        sink.AssertNoPhi();
        sink.Events.Should().ContainSingle().Which.RenderMessage().Should().StartWith("Could not save note: Patient [NAME]");
    }

    [Fact]
    public void Exception_messages_and_inner_exceptions_are_redacted()
    {
        var (factory, sink) = Pipeline();
        var logger = factory.CreateLogger("Clinical");

        var failure = new InvalidOperationException($"Duplicate chart for {PatientName}, DOB {Dob}",
            new ArgumentException($"Bad phone {Phone} for {Mrn}"));
        logger.LogError(failure, "Saving the chart failed");
        logger.LogError(new AggregateException(new InvalidOperationException($"SSN {Ssn} rejected")), "Batch failed");

        sink.AssertNoPhi();
        sink.Text.Should().Contain("System.InvalidOperationException").And.Contain("System.ArgumentException");
    }

    [Fact]
    public void Scopes_and_log_context_are_redacted()
    {
        var (factory, sink) = Pipeline();
        var logger = factory.CreateLogger("Clinical");

        using (LogContext.PushProperty("Patient", PatientName))
        using (logger.BeginScope("Dictation for {Patient} {Dob}", PatientName, Dob))
        using (logger.BeginScope(new Dictionary<string, object> { ["Caller"] = $"Dr. Okafor at {Phone}" }))
        using (logger.BeginScope(ClinicalNote))
        {
            logger.LogInformation("Dictation stored");
        }

        sink.AssertNoPhi();
        sink.Events.Should().ContainSingle().Which.Properties.Should().ContainKeys("Patient", "Caller", "Scope");
    }

    [Fact]
    public void Operational_values_stay_readable()
    {
        var (factory, sink) = Pipeline();
        var logger = factory.CreateLogger("VoiceAssist.BuildingBlocks.Web.CorrelationMiddleware");
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        using (LogContext.PushProperty("TraceId", traceId))
        {
            logger.LogInformation("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms", "POST", "/api/compliance/phi/detect", 200, 12.5);
        }

        sink.Events.Should().ContainSingle().Which.RenderMessage().Should().Be("HTTP \"POST\" \"/api/compliance/phi/detect\" responded 200 in 12.5 ms");
        sink.Text.Should().Contain(traceId);
    }

    private static (ILoggerFactory Factory, CapturingSink Sink) Pipeline()
    {
        var sink = new CapturingSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var serilog = LoggingSetup.CreateLogger(configuration, ComplianceModule.LogRedactor, extraSinks: to => to.Sink(sink));
        return (new SerilogLoggerFactory(serilog), sink);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly JsonFormatter formatter = new(renderMessage: true);
        private readonly StringWriter output = new();

        public List<LogEvent> Events { get; } = [];

        public string Text => output.ToString();

        public void Emit(LogEvent logEvent)
        {
            Events.Add(logEvent);
            formatter.Format(logEvent, output);
            output.WriteLine(logEvent.Exception?.ToString());
            output.WriteLine(logEvent.Exception?.Message);
        }

        public void AssertNoPhi()
        {
            Events.Should().NotBeEmpty();
            foreach (var identifier in Identifiers)
            {
                Text.Should().NotContain(identifier);
            }
        }
    }
}
