using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

public sealed class RequestLoggingTests(RequestLoggingTests.CapturingFactory factory) : IClassFixture<RequestLoggingTests.CapturingFactory>
{
    [Fact]
    public async Task Each_request_is_one_compact_line_with_its_correlation_id_and_probes_stay_out_of_the_default_level()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/integrations/connectors?name=Margaret%20Okonkwo");
        request.Headers.Add("X-Correlation-Id", "ward-7-logging-1");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        // Only this test's requests: other hosts in the same test process may log through the same pipeline.
        string[] sent = ["\"/api/integrations/connectors\"", "\"/health/live\"", "\"/health/ready\""];
        var lines = factory.Sink.Events.Where(e => e.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString() == "\"Serilog.AspNetCore.RequestLoggingMiddleware\""
            && e.Properties.TryGetValue("RequestPath", out var path) && sent.Contains(path.ToString())).ToList();
        var line = lines.Should().ContainSingle("health probes are logged at Verbose, below the default Information").Subject;
        line.Level.Should().Be(LogEventLevel.Information);
        line.RenderMessage().Should().MatchRegex("^HTTP \"GET\" \"/api/integrations/connectors/?\" responded 200 in [0-9.]+ ms$");
        line.Properties["CorrelationId"].ToString().Should().Be("\"ward-7-logging-1\"");
        line.Properties.Values.Select(v => v.ToString()).Should().NotContain(v => v.Contains("Okonkwo", StringComparison.Ordinal), "the query string is never logged");
    }

    public sealed class CapturingFactory : VoiceAssistFactory
    {
        public CapturingSink Sink { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Sink));
        }
    }

    public sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
