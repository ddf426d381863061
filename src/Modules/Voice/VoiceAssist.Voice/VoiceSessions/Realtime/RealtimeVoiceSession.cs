using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Conversations.GetConversation;
using VoiceAssist.Voice.Conversations.StartConversation;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.VoiceSessions.SignInSession;
using States = VoiceAssist.Voice.VoiceSessions.VoiceProtocol.States;

namespace VoiceAssist.Voice.VoiceSessions.Realtime;

/// <summary>The voice socket in speech-to-speech mode: the page's audio goes to the OpenAI Realtime API, whose server
/// voice activity detection, transcripts and spoken answer are mapped onto the same page protocol. When the clinician
/// speaks over an answer the response is cancelled and the assistant's item truncated at what was played, so the model's
/// memory of the conversation matches what was heard.</summary>
internal sealed partial class RealtimeVoiceSession(
    WebSocket page,
    string callerId,
    IServiceScopeFactory scopes,
    IOptions<SpeechToSpeechOptions> realtimeOptions,
    IOptions<BargeInOptions> bargeInOptions,
    TimeProvider time,
    ILogger<RealtimeVoiceSession> logger) : IEndableVoiceSocket, IDisposable
{
    public const int RealtimeSampleRate = 24_000;

    private readonly SpeechToSpeechOptions options = realtimeOptions.Value;
    private readonly BargeInOptions bargeIn = bargeInOptions.Value;
    private readonly Channel<(ReadOnlyMemory<byte> Payload, WebSocketMessageType Type)> toPage = Channel.CreateUnbounded<(ReadOnlyMemory<byte>, WebSocketMessageType)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim realtimeSend = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private ClientWebSocket? realtime;
    private Guid? conversationId;
    private string mode = VoiceProtocol.Modes.HandsFree;
    private string? speakingItem;
    private long speakingSince;
    private double sentAudioMs;
    private bool responding;
    private TurnClock? clock;
    private bool sessionReady;
    private int ended;

    public async Task Run(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.Token);
        var sending = PageSendLoop();
        try
        {
            await PageReceiveLoop(linked.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The page or the Realtime service went away.
        }
        finally
        {
            await lifetime.CancelAsync();
            if (realtime is { State: WebSocketState.Open })
            {
                try
                {
                    await realtime.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // Already gone.
                }
            }

            toPage.Writer.TryComplete();
            await sending;
        }
    }

    public void End(string reason)
    {
        if (Interlocked.Exchange(ref ended, 1) == 1)
        {
            return;
        }

        // As in the offline session: say why, then close from the send loop (cancelling the receive would abort).
        ToPage(new SessionEndedMessage(reason));
        toPage.Writer.TryWrite((ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Close));
        try
        {
            lifetime.CancelAfter(TimeSpan.FromSeconds(5));
        }
        catch (ObjectDisposedException)
        {
            // The socket had already closed.
        }
    }

    public void Dispose()
    {
        lifetime.Dispose();
        realtime?.Dispose();
        realtimeSend.Dispose();
    }

    private async Task PageReceiveLoop(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (page.State == WebSocketState.Open)
        {
            var received = await page.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close || Volatile.Read(ref ended) == 1)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > 1024 * 1024)
            {
                await page.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", CancellationToken.None);
                return;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            if (received.MessageType == WebSocketMessageType.Text)
            {
                await OnPageControl(ClientMessage.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)), cancellationToken);
            }
            else if (realtime is not null)
            {
                await ToRealtime(new JsonObject
                {
                    ["type"] = "input_audio_buffer.append",
                    ["audio"] = Convert.ToBase64String(Upsample16kTo24k(message.ToArray())),
                });
            }

            message.SetLength(0);
        }
    }

    private async Task OnPageControl(ClientMessage? message, CancellationToken cancellationToken)
    {
        switch (message?.Type)
        {
            case "start" when realtime is null:
                await Start(message, cancellationToken);
                break;
            case "ping":
                ToPage(new PongMessage());
                break;
            case "barge_in" when realtime is not null:
                await Interrupt("client");
                break;
            case "end_of_speech" when realtime is not null && mode == VoiceProtocol.Modes.PushToTalk:
                clock = new TurnClock("client", time.GetUtcNow());
                await ToRealtime(new JsonObject { ["type"] = "input_audio_buffer.commit" });
                await ToRealtime(new JsonObject { ["type"] = "response.create" });
                break;
            case "text" when realtime is not null && !string.IsNullOrWhiteSpace(message.Text):
                await Interrupt("superseded");
                clock = new TurnClock("text", time.GetUtcNow());
                ToPage(new TranscriptMessage(message.Text, "text"));
                await ToRealtime(new JsonObject
                {
                    ["type"] = "conversation.item.create",
                    ["item"] = new JsonObject
                    {
                        ["type"] = "message",
                        ["role"] = "user",
                        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = message.Text }),
                    },
                });
                await ToRealtime(new JsonObject { ["type"] = "response.create" });
                break;
            case null:
                ToPage(new ErrorMessage("bad_message", "Every control message is a JSON object with a type."));
                break;
            default:
                break;
        }
    }

    private async Task Start(ClientMessage message, CancellationToken cancellationToken)
    {
        mode = message.Mode == VoiceProtocol.Modes.PushToTalk ? VoiceProtocol.Modes.PushToTalk : VoiceProtocol.Modes.HandsFree;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            try
            {
                conversationId = message.ConversationId is { } resumed
                    ? (await sender.Send(new GetConversation(resumed, callerId), cancellationToken)).Id
                    : (await sender.Send(new StartConversation(callerId), cancellationToken)).Id;
            }
            catch (NotFoundException)
            {
                ToPage(new ErrorMessage("conversation_not_found", "No such conversation of yours."));
                return;
            }
        }

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {options.ApiKey}");
        socket.Options.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        var separator = options.BaseUrl.Query.Length > 0 ? "&" : "?";
        await socket.ConnectAsync(new Uri($"{options.BaseUrl}{separator}model={Uri.EscapeDataString(options.Model)}"), cancellationToken);
        realtime = socket;
        _ = Task.Run(() => RealtimeReceiveLoop(lifetime.Token), CancellationToken.None);

        await ToRealtime(new JsonObject
        {
            ["type"] = "session.update",
            ["session"] = new JsonObject
            {
                ["modalities"] = new JsonArray("audio", "text"),
                ["instructions"] = options.Instructions,
                ["voice"] = options.Voice,
                ["input_audio_format"] = "pcm16",
                ["output_audio_format"] = "pcm16",
                ["input_audio_transcription"] = new JsonObject { ["model"] = options.TranscriptionModel },
                ["turn_detection"] = mode == VoiceProtocol.Modes.PushToTalk
                    ? null
                    : new JsonObject
                    {
                        ["type"] = "server_vad",
                        ["threshold"] = options.VadThreshold,
                        ["prefix_padding_ms"] = 300,
                        ["silence_duration_ms"] = options.SilenceDurationMs,
                    },
            },
        });
    }

    private async Task RealtimeReceiveLoop(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (realtime!.State == WebSocketState.Open)
            {
                var received = await realtime.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Text)
                {
                    await OnRealtimeEvent(JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length))!.AsObject());
                }

                message.SetLength(0);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or JsonException)
        {
            LogRealtimeEnded(logger, exception);
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            ToPage(new ErrorMessage("speech_to_speech_unavailable", "The speech service closed the connection."));
            await page.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "speech service closed", CancellationToken.None);
        }
    }

    private async Task OnRealtimeEvent(JsonObject realtimeEvent)
    {
        switch ((string?)realtimeEvent["type"])
        {
            case "session.updated":
                if (!sessionReady)
                {
                    sessionReady = true;
                    ToPage(new ReadyMessage(conversationId!.Value, false, 0, Pcm16.RecognitionSampleRate, mode, bargeIn.MinSpeechMs, SpeechToSpeechOptions.OpenAiRealtime, "none"));
                    ToPage(new StateMessage(States.Listening));
                }

                break;
            case "input_audio_buffer.speech_started":
                if (responding)
                {
                    await Interrupt("server");
                }
                else
                {
                    ToPage(new StateMessage(States.Hearing));
                }

                break;
            case "input_audio_buffer.speech_stopped":
                clock = new TurnClock("server", time.GetUtcNow());
                ToPage(new StateMessage(States.Thinking));
                break;
            case "conversation.item.input_audio_transcription.completed":
                clock?.TranscriptReady();
                ToPage(new TranscriptMessage((string?)realtimeEvent["transcript"] ?? "", "speech"));
                break;
            case "response.created":
                responding = true;
                speakingItem = null;
                sentAudioMs = 0;
                break;
            case "response.audio.delta":
                if (!responding)
                {
                    break;
                }

                if (speakingItem is null)
                {
                    speakingItem = (string?)realtimeEvent["item_id"];
                    speakingSince = System.Diagnostics.Stopwatch.GetTimestamp();
                    clock?.FirstAudioSent();
                    ToPage(new StateMessage(States.Speaking));
                    ToPage(new AudioStartMessage(RealtimeSampleRate, "pcm16le", 1));
                }

                var audio = Convert.FromBase64String((string?)realtimeEvent["delta"] ?? "");
                sentAudioMs += Pcm16.Duration(audio.Length, RealtimeSampleRate).TotalMilliseconds;
                toPage.Writer.TryWrite((audio, WebSocketMessageType.Binary));
                break;
            case "response.audio_transcript.done":
                clock?.ReplyReady();
                ToPage(new ReplyMessage(null, null, (string?)realtimeEvent["transcript"] ?? "", null, [], null, (clock ?? new TurnClock("server", time.GetUtcNow())).ToMessage()));
                break;
            case "response.done":
                if (responding)
                {
                    responding = false;
                    var timings = (clock ?? new TurnClock("server", time.GetUtcNow())).ToMessage();
                    if (clock is not null)
                    {
                        VoiceTelemetry.Record(clock);
                    }

                    ToPage(new AudioEndMessage(false, timings));
                    ToPage(new StateMessage(States.Listening));
                }

                break;
            case "error":
                ToPage(new ErrorMessage("speech_to_speech", (string?)realtimeEvent["error"]?["message"] ?? "The speech service reported an error."));
                break;
            default:
                break;
        }
    }

    /// <summary>Cancels the response in flight and truncates the assistant's item at what the page has played (audio
    /// is sent as it arrives, so what has been played is at most the time since its first byte).</summary>
    private async Task Interrupt(string source)
    {
        if (!responding || !bargeIn.Enabled)
        {
            return;
        }

        responding = false;
        VoiceTelemetry.BargeIns.Add(1, new KeyValuePair<string, object?>("source", source));
        ToPage(new BargeInMessage(source));
        await ToRealtime(new JsonObject { ["type"] = "response.cancel" });
        if (speakingItem is not null)
        {
            var played = Math.Min(sentAudioMs, System.Diagnostics.Stopwatch.GetElapsedTime(speakingSince).TotalMilliseconds);
            await ToRealtime(new JsonObject
            {
                ["type"] = "conversation.item.truncate",
                ["item_id"] = speakingItem,
                ["content_index"] = 0,
                ["audio_end_ms"] = (int)played,
            });
            ToPage(new AudioEndMessage(true, (clock ?? new TurnClock(source, time.GetUtcNow())).ToMessage()));
        }

        speakingItem = null;
        ToPage(new StateMessage(States.Hearing));
    }

    private async Task ToRealtime(JsonObject realtimeEvent)
    {
        await realtimeSend.WaitAsync(lifetime.Token);
        try
        {
            await realtime!.SendAsync(JsonSerializer.SerializeToUtf8Bytes(realtimeEvent), WebSocketMessageType.Text, true, lifetime.Token);
        }
        finally
        {
            realtimeSend.Release();
        }
    }

    private void ToPage<T>(T message)
        where T : class =>
        toPage.Writer.TryWrite((JsonSerializer.SerializeToUtf8Bytes(message, VoiceProtocol.Json), WebSocketMessageType.Text));

    private async Task PageSendLoop()
    {
        try
        {
            await foreach (var (payload, type) in toPage.Reader.ReadAllAsync())
            {
                if (type == WebSocketMessageType.Close)
                {
                    await VoiceSession.CloseBecauseSessionEnded(page);
                    continue;
                }

                if (page.State == WebSocketState.Open)
                {
                    await page.SendAsync(payload, type, true, CancellationToken.None);
                }
            }
        }
        catch (WebSocketException)
        {
            // The page went away.
        }
    }

    /// <summary>The page sends 16 kHz; the Realtime API's pcm16 is 24 kHz. Linear interpolation, 2 samples → 3.</summary>
    internal static byte[] Upsample16kTo24k(byte[] pcm16k)
    {
        var input = Pcm16.ToSamples(pcm16k);
        var output = new short[input.Length * 3 / 2];
        for (var i = 0; i < output.Length; i++)
        {
            var position = i * 2.0 / 3.0;
            var index = (int)position;
            var next = Math.Min(index + 1, input.Length - 1);
            var fraction = position - index;
            output[i] = (short)Math.Round(input[index] + ((input[next] - input[index]) * fraction));
        }

        return Pcm16.ToBytes(output);
    }

    // The exception comes from the socket or the JSON reader, never from conversation content.
    [LoggerMessage(Level = LogLevel.Information, Message = "The Realtime connection ended")]
    private static partial void LogRealtimeEnded(ILogger logger, Exception exception);
}
