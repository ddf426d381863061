using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>A NUL character (U+0000) in text sent to the host is refused where it enters, for every endpoint: a 400 with
/// the field named, nothing changed, and no error logged (PostgreSQL cannot store it; before, each one was a 500 with
/// a stack trace in the log).</summary>
public sealed class NulCharacterTests(NulCharacterTests.LogCapturingFactory factory) : IClassFixture<NulCharacterTests.LogCapturingFactory>
{
    [Fact]
    public async Task A_search_with_a_nul_character_is_400_naming_the_query()
    {
        var clinician = await factory.CreateClientSignedInAs("clinician");

        var response = await clinician.PostAsync(new Uri("/api/knowledge/search", UriKind.Relative), Json("""{"query":"chest\u0000pain"}"""));

        await ShouldBeRefused(response, "query");
    }

    [Fact]
    public async Task A_conversation_turn_with_a_nul_character_is_400_and_adds_no_turn()
    {
        var clinician = await factory.CreateClientSignedInAs("clinician");
        var started = await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await clinician.PostAsync(new Uri($"/api/conversations/{id}/turns", UriKind.Relative), Json("""{"text":"what is the dose of heparin\u0000"}"""));

        await ShouldBeRefused(response, "text");
        var conversation = await clinician.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
        conversation.GetProperty("turns").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_json_document_with_a_nul_character_is_400()
    {
        var admin = await factory.CreateClientSignedInAs("admin");

        var response = await admin.PostAsync(new Uri("/api/knowledge/documents", UriKind.Relative), Json("""{"title":"Antiplatelets","text":"Aspirin 75 mg\u0000 daily."}"""));

        await ShouldBeRefused(response, "text");
    }

    [Fact]
    public async Task An_imported_json_line_with_a_nul_character_is_rejected_with_its_line_and_the_others_imported()
    {
        var admin = await factory.CreateClientSignedInAs("admin");
        var lines = $$"""
            {"id":"nul-{{Guid.NewGuid():N}}","title":"Good","text":"Clean hands before and after each patient contact."}
            {"id":"nul-{{Guid.NewGuid():N}}","title":"Bad","text":"Clean hands\u0000 always."}
            """;

        var response = await admin.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        summary.GetProperty("created").GetInt32().Should().Be(1);
        summary.GetProperty("rejected").GetInt32().Should().Be(1);
        var error = summary.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(2);
        error.GetProperty("error").GetString().Should().Contain("\"text\"").And.Contain("NUL");
    }

    [Fact]
    public async Task A_nul_character_inside_a_free_form_json_body_or_a_query_string_is_400_too()
    {
        var clinician = await factory.CreateClientSignedInAs("clinician");
        var admin = await factory.CreateClientSignedInAs("admin");

        var calculator = await clinician.PostAsync(new Uri("/api/calculators/cha2ds2-vasc", UriKind.Relative), Json("""{"inputs":{"age":"72 years","sex":"F\u0000"}}"""));
        var audit = await admin.GetAsync(new Uri("/api/compliance/audit?action=identity%00", UriKind.Relative));

        await ShouldBeRefused(calculator, "inputs.sex");
        await ShouldBeRefused(audit, "action");
    }

    private async Task ShouldBeRefused(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        errors.GetProperty(field)[0].GetString().Should().Contain("NUL");
        body.Should().NotContain("Exception").And.NotContain(" at ");
        factory.Logs.Should().NotBeEmpty("the capture sees the host's log");
        factory.Logs.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message).Should().BeEmpty();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public sealed record LogEntry(LogLevel Level, string Message);

    /// <summary>Keyword search only and no demo data; every log entry kept for the assertions.</summary>
    public sealed class LogCapturingFactory : VoiceAssistFactory, ILogEventSink
    {
        private readonly ConcurrentQueue<LogEntry> logs = new();

        public IReadOnlyCollection<LogEntry> Logs => logs;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Knowledge:Embeddings:Provider"] = "none",
            ["Knowledge:DemoData:Enabled"] = "false",
        };

        public void Emit(LogEvent logEvent) =>
            logs.Enqueue(new LogEntry(Level(logEvent.Level), logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)
                + (logEvent.Exception is null ? "" : " " + logEvent.Exception.GetType().Name)));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The host logs through Serilog, which writes to every sink registered in the container.
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(this));
        }

        private static LogLevel Level(LogEventLevel level) => level switch
        {
            LogEventLevel.Verbose => LogLevel.Trace,
            LogEventLevel.Debug => LogLevel.Debug,
            LogEventLevel.Information => LogLevel.Information,
            LogEventLevel.Warning => LogLevel.Warning,
            LogEventLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
