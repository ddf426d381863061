using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VoiceAssist.Voice.Tests.VoiceSessions.Realtime;

/// <summary>A stand-in for the OpenAI Realtime API on a loopback port (the real service cannot be reached here): it
/// accepts one WebSocket at <c>/v1/realtime</c>, records the handshake and every client event, and sends whatever
/// server events the test scripts. The event shapes follow the Realtime API reference (platform.openai.com/docs/api-reference/realtime).</summary>
internal sealed class FakeRealtimeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<JsonObject> received = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly TaskCompletionSource<WebSocket> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeRealtimeServer(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public string? Authorization { get; private set; }

    public string? Beta { get; private set; }

    public string? Model { get; private set; }

    public static async Task<FakeRealtimeServer> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeRealtimeServer(app);
        app.UseWebSockets();
        app.Map("/v1/realtime", server.Accept);
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/realtime");
        return server;
    }

    public Task Send(object serverEvent) =>
        connected.Task.Result.SendAsync(JsonSerializer.SerializeToUtf8Bytes(serverEvent), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next client event of <paramref name="type"/> after the first <paramref name="after"/> events.</summary>
    public async Task<JsonObject> Next(string type, int after = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (received)
            {
                var match = received.Skip(after).FirstOrDefault(e => (string?)e["type"] == type);
                if (match is not null)
                {
                    return match;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No '{type}' event; received: {string.Join(", ", Types())}");
            }

            await arrived.WaitAsync(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The first <paramref name="count"/> client events of <paramref name="type"/>, once that many arrived.</summary>
    public async Task<IReadOnlyList<JsonObject>> All(string type, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (received)
            {
                var matches = received.Where(e => (string?)e["type"] == type).Take(count).ToList();
                if (matches.Count == count)
                {
                    return matches;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} '{type}' events; received: {string.Join(", ", Types())}");
            }

            await arrived.WaitAsync(TimeSpan.FromSeconds(1));
        }
    }

    public IReadOnlyList<string> Types()
    {
        lock (received)
        {
            return [.. received.Select(e => (string)e["type"]!)];
        }
    }

    public int Count
    {
        get
        {
            lock (received)
            {
                return received.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        closed.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
        arrived.Dispose();
    }

    private async Task Accept(HttpContext context)
    {
        Authorization = context.Request.Headers.Authorization;
        Beta = context.Request.Headers["OpenAI-Beta"];
        Model = context.Request.Query["model"];
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        connected.TrySetResult(socket);
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var clientEvent = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
                lock (received)
                {
                    received.Add(clientEvent);
                }

                arrived.Release();
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }

        await closed.Task;
    }
}
