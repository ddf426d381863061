using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.VoiceSessions;

/// <summary>The page's side of the voice socket, as a test drives it: control messages out, audio out in 20 ms
/// frames, and everything the server sends kept in order of arrival.</summary>
internal sealed class VoiceSocket : IAsyncDisposable
{
    public const int FrameBytes = 640;

    private readonly WebSocket socket;
    private readonly List<Received> received = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task pump;

    private VoiceSocket(WebSocket socket)
    {
        this.socket = socket;
        pump = Pump();
    }

    /// <summary>Opens the socket as the page does: with a socket ticket asked for with the access token, or with none.</summary>
    public static async Task<VoiceSocket> Connect<T>(WebApplicationFactory<T> factory, string? accessToken = null)
        where T : class =>
        await ConnectWithTicket(factory, accessToken is null ? null : await SocketTicket.Ask(factory, accessToken));

    /// <summary>Opens the socket with the given ticket (or none), for tests of the ticket itself.</summary>
    public static async Task<VoiceSocket> ConnectWithTicket<T>(WebApplicationFactory<T> factory, string? ticket)
        where T : class
    {
        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(SocketTicket.SocketUri(ticket), CancellationToken.None);
        return new VoiceSocket(socket);
    }

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public Task Send(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAudio(byte[] pcm) => SendAudio(pcm, FrameBytes);

    /// <summary>Sends the audio in frames of <paramref name="frameBytes"/>, which may split samples (an odd size).</summary>
    public async Task SendAudio(byte[] pcm, int frameBytes)
    {
        for (var offset = 0; offset < pcm.Length; offset += frameBytes)
        {
            await socket.SendAsync(pcm.AsMemory(offset, Math.Min(frameBytes, pcm.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
    }

    /// <summary>Starts a conversation (or resumes one) and returns the ready message.</summary>
    public async Task<JsonElement> Start(Guid? conversationId = null)
    {
        await Send(new { type = "start", conversationId, sampleRate = 16_000 });
        return await Next("ready");
    }

    /// <summary>The first message of the type that arrives after <paramref name="after"/> messages.</summary>
    public async Task<JsonElement> Next(string type, int after = 0, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var match = Received.Skip(after).FirstOrDefault(r => r.Type == type);
            if (match is not null)
            {
                return match.Json!.Value;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No '{type}' within {timeoutSeconds} s; received: {string.Join(", ", Received.Select(r => r.Type ?? $"{r.AudioBytes} audio bytes"))}");
            }

            await arrived.WaitAsync(left);
        }
    }

    /// <summary>Completes when the server has closed the socket (or it failed).</summary>
    public Task Closed => pump;

    /// <summary>The server's close code, once <see cref="Closed"/>.</summary>
    public int? CloseCode => (int?)socket.CloseStatus;

    public int IndexOf(string type, int after = 0) =>
        Received.Select((r, i) => (r, i)).Skip(after).First(x => x.r.Type == type).i;

    /// <summary>Ends the connection without a closing handshake, as a dropped network does.</summary>
    public void Drop() => socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        try
        {
            await pump;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }

        socket.Dispose();
        arrived.Dispose();
    }

    private async Task Pump()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            Received item;
            if (result.MessageType == WebSocketMessageType.Text)
            {
                var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
                item = new Received(json.GetProperty("type").GetString(), json, 0);
            }
            else
            {
                item = new Received(null, null, (int)message.Length);
            }

            lock (received)
            {
                received.Add(item);
            }

            arrived.Release();
            message.SetLength(0);
        }
    }
}

/// <summary>A control message (<see cref="Type"/> and <see cref="Json"/>) or a binary audio frame.</summary>
internal sealed record Received(string? Type, JsonElement? Json, int AudioBytes);
