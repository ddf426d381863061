using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>A local OTLP/HTTP receiver on loopback standing in for an OpenTelemetry Collector.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    public OtlpReceiver()
    {
        Port = LocalProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        app = builder.Build();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Received.Add((signal, body.ToArray()));
            return Results.Ok();
        });
        app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public ConcurrentBag<(string Signal, byte[] Body)> Received { get; } = [];

    public bool ReceivedText(string signal, string text) =>
        Received.Any(r => r.Signal == signal && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

public sealed class TelemetryExportTests : IAsyncLifetime
{
    private readonly OtlpReceiver receiver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Traces_metrics_and_logs_are_exported_over_OTLP_when_an_endpoint_is_configured()
    {
        var factory = new ExportingFactory($"http://127.0.0.1:{receiver.Port}");
        var client = factory.CreateClient();
        (await client.GetAsync($"/api/knowledge/documents/{Guid.NewGuid()}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        await factory.DisposeAsync(); // disposing the providers flushes them

        receiver.ReceivedText("traces", "voiceassist").Should().BeTrue("the service name travels with every span batch");
        receiver.ReceivedText("traces", "GetDocument").Should().BeTrue("the mediator's own span is exported");
        receiver.ReceivedText("metrics", "http.server.request.duration").Should().BeTrue("ASP.NET Core's meter is exported");
        receiver.ReceivedText("logs", "GetDocument").Should().BeTrue("log records are exported");
    }

    private sealed class ExportingFactory(string endpoint) : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
    }
}
