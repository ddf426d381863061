using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Conversations.GetConversation;
using VoiceAssist.Voice.Conversations.StartConversation;
using VoiceAssist.Voice.Conversations.TakeTurn;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Endpointing;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.VoiceSessions.SignInSession;
using States = VoiceAssist.Voice.VoiceSessions.VoiceProtocol.States;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Voice.VoiceSessions;

/// <summary>One clinician's voice socket with the offline pipeline: audio in → endpointing → streaming recognition →
/// a conversation turn (the same <see cref="TakeTurn"/> the text API uses) → streaming synthesis → audio out.
/// The receive loop owns the utterance and turn state; a turn runs beside it so the clinician can interrupt it.
/// Audio is not stored unless <see cref="Recording.RecordingOptions.Enabled"/> is on; then each utterance is kept encrypted
/// beside its conversation (<see cref="Recording.UtteranceRecorder"/>).</summary>
internal sealed partial class VoiceSession(
    WebSocket socket,
    string callerId,
    IServiceScopeFactory scopes,
    ISpeechToText speechToText,
    ITextToSpeech textToSpeech,
    Recording.UtteranceRecorder recorder,
    IOptions<VoiceSessionOptions> sessionOptions,
    IOptions<BargeInOptions> bargeInOptions,
    TimeProvider time,
    ILogger<VoiceSession> logger) : IEndableVoiceSocket, IDisposable
{
    private const int MaxControlMessageBytes = 64 * 1024;
    private const int MaxAudioMessageBytes = 1024 * 1024;
    private const int SamplesPerMs = Pcm16.RecognitionSampleRate / 1000;

    /// <summary>How long a page may take to answer the close of an ended session before the connection is dropped.</summary>
    private static readonly TimeSpan SessionEndedCloseWait = TimeSpan.FromSeconds(5);

    private readonly VoiceSessionOptions options = sessionOptions.Value;
    private readonly BargeInOptions bargeIn = bargeInOptions.Value;
    private readonly Channel<Outgoing> outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<byte[]> preRoll = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly WholeSamples wholeSamples = new();
    private EnergyEndpointer? endpointer;
    private Guid? conversationId;
    private string mode = VoiceProtocol.Modes.HandsFree;
    private long receivedSamples;
    private int preRollBytes;
    private Utterance? utterance;
    private RunningTurn? turn;
    private int ended;

    public async Task Run(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.Token);
        var sending = SendLoop();
        try
        {
            await ReceiveLoop(linked.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The page went away (a dropped network, a closed tab): what was in flight is abandoned below.
        }
        finally
        {
            await lifetime.CancelAsync();
            utterance?.Abandon();
            if (turn is not null)
            {
                await turn.Task;
            }

            outgoing.Writer.TryComplete();
            await sending;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // Already gone.
                }
            }
        }
    }

    public void End(string reason)
    {
        if (Interlocked.Exchange(ref ended, 1) == 1)
        {
            return;
        }

        // The send loop says why and then closes; the page answers the close and the receive loop ends. Cancelling
        // the receive instead would abort the connection, and the page would see a dropped network, not a logoff.
        Send(new SessionEndedMessage(reason));
        outgoing.Writer.TryWrite(new Outgoing(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Close, null, CancellationToken.None));
        try
        {
            lifetime.CancelAfter(SessionEndedCloseWait);
        }
        catch (ObjectDisposedException)
        {
            // The socket had already closed.
        }
    }

    public void Dispose() => lifetime.Dispose();

    private async Task ReceiveLoop(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close || Volatile.Read(ref ended) == 1)
            {
                // Closed by the page, or the sign-in session ended: nothing more it sends is acted on.
                return;
            }

            message.Write(buffer, 0, received.Count);
            var limit = received.MessageType == WebSocketMessageType.Text ? MaxControlMessageBytes : MaxAudioMessageBytes;
            if (message.Length > limit)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", CancellationToken.None);
                return;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            if (received.MessageType == WebSocketMessageType.Text)
            {
                await OnControl(ClientMessage.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)), cancellationToken);
            }
            else
            {
                OnAudio(message.ToArray());
            }

            message.SetLength(0);
        }
    }

    private async Task OnControl(ClientMessage? message, CancellationToken cancellationToken)
    {
        switch (message?.Type)
        {
            case null:
                Send(new ErrorMessage("bad_message", "Every control message is a JSON object with a type."));
                break;
            case "start":
                await Start(message, cancellationToken);
                break;
            case "ping":
                Send(new PongMessage());
                break;
            case "speech_start" when Started():
                OpenUtterance(serverDetected: false);
                break;
            case "end_of_speech" when Started():
                if (utterance is not null)
                {
                    CloseUtterance("client");
                }

                break;
            case "barge_in" when Started():
                BargeIn("client");
                OpenUtterance(serverDetected: false);
                break;
            case "text" when Started():
                utterance?.Abandon();
                utterance = null;
                StartTurn(transcription: null, message.Text ?? "", new TurnClock("text", time.GetUtcNow()));
                break;
            case "speech_start" or "end_of_speech" or "barge_in" or "text":
                break;
            default:
                Send(new ErrorMessage("unknown_type", $"Unknown message type '{message.Type}'."));
                break;
        }
    }

    private bool Started()
    {
        if (conversationId is null)
        {
            Send(new ErrorMessage("not_started", "Send start first."));
        }

        return conversationId is not null;
    }

    private async Task Start(ClientMessage message, CancellationToken cancellationToken)
    {
        if (conversationId is not null)
        {
            Send(new ErrorMessage("already_started", "This socket already holds a conversation."));
            return;
        }

        if (message.SampleRate is { } rate && rate != Pcm16.RecognitionSampleRate)
        {
            Send(new ErrorMessage("unsupported_sample_rate", $"Send 16-bit mono PCM at {Pcm16.RecognitionSampleRate} Hz."));
            return;
        }

        mode = message.Mode == VoiceProtocol.Modes.PushToTalk ? VoiceProtocol.Modes.PushToTalk : VoiceProtocol.Modes.HandsFree;
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        int turns;
        if (message.ConversationId is { } resumed)
        {
            try
            {
                turns = (await sender.Send(new GetConversation(resumed, callerId), cancellationToken)).Turns.Count;
            }
            catch (NotFoundException)
            {
                Send(new ErrorMessage("conversation_not_found", "No such conversation of yours."));
                return;
            }

            conversationId = resumed;
        }
        else
        {
            conversationId = (await sender.Send(new StartConversation(callerId), cancellationToken)).Id;
            turns = 0;
        }

        endpointer = new EnergyEndpointer(new EndpointerSettings
        {
            ThresholdDb = options.EndpointerThresholdDb,
            Hangover = TimeSpan.FromMilliseconds(options.EndpointerHangoverMs),
        });
        Send(new ReadyMessage(conversationId.Value, message.ConversationId is not null, turns, Pcm16.RecognitionSampleRate, mode, bargeIn.MinSpeechMs, "off", recorder.Mode));
        Send(new StateMessage(States.Listening));
    }

    private void OnAudio(byte[] received)
    {
        if (conversationId is null || endpointer is null)
        {
            return;
        }

        var frame = wholeSamples.Take(received);
        if (frame.Length == 0)
        {
            return;
        }

        var samples = Pcm16.ToSamples(frame);
        var boundaries = mode == VoiceProtocol.Modes.HandsFree ? endpointer.Accept(samples) : [];
        receivedSamples += samples.Length;

        if (utterance is not null)
        {
            utterance.Write(frame);
        }
        else
        {
            KeepPreRoll(frame);
        }

        foreach (var boundary in boundaries)
        {
            var at = (long)(boundary.At.TotalMilliseconds * SamplesPerMs);
            if (boundary.Kind == SpeechBoundaryKind.Started)
            {
                OpenUtterance(serverDetected: true);
                utterance!.SpeechStartSample = at;
            }
            else if (utterance is { ServerDetected: true } open)
            {
                if ((at - open.SpeechStartSample) < bargeIn.MinSpeechMs * SamplesPerMs)
                {
                    // Too short to be a question or an interruption: a cough, a click, an "mm-hm".
                    open.Abandon();
                    utterance = null;
                    Send(new StateMessage(TurnRunning ? States.Speaking : States.Listening));
                }
                else
                {
                    CloseUtterance("server");
                }
            }
        }

        if (utterance is { ServerDetected: true, BargedIn: false } speaking && TurnRunning
            && receivedSamples - speaking.SpeechStartSample >= bargeIn.MinSpeechMs * SamplesPerMs)
        {
            speaking.BargedIn = true;
            BargeIn("server");
        }

        if (utterance is { } current && current.Bytes > options.MaxUtteranceSeconds * Pcm16.RecognitionSampleRate * 2)
        {
            CloseUtterance("max_length");
        }
    }

    private bool TurnRunning => turn is { Task.IsCompleted: false };

    private void KeepPreRoll(byte[] frame)
    {
        preRoll.Enqueue(frame);
        preRollBytes += frame.Length;
        // The endpointer confirms speech only after its minimum duration, so the pre-roll covers that too.
        var keep = (options.PreRollMs + 500) * SamplesPerMs * 2;
        while (preRollBytes - preRoll.Peek().Length >= keep)
        {
            preRollBytes -= preRoll.Dequeue().Length;
        }
    }

    private void OpenUtterance(bool serverDetected)
    {
        if (utterance is not null)
        {
            return;
        }

        utterance = new Utterance(serverDetected, receivedSamples, Transcribe, record: recorder.Enabled);
        foreach (var frame in preRoll)
        {
            utterance.Write(frame);
        }

        preRoll.Clear();
        preRollBytes = 0;
        if (!TurnRunning)
        {
            Send(new StateMessage(States.Hearing));
        }
    }

    private void CloseUtterance(string source)
    {
        var closed = utterance!;
        utterance = null;
        var clock = new TurnClock(source, time.GetUtcNow());
        closed.Complete();
        StartTurn(closed.Transcript, null, clock, closed.Recorded());
    }

    private async Task<string> Transcribe(ChannelReader<ReadOnlyMemory<byte>> frames)
    {
        long bytes = 0;
        async IAsyncEnumerable<ReadOnlyMemory<byte>> Counted()
        {
            await foreach (var frame in frames.ReadAllAsync(lifetime.Token))
            {
                bytes += frame.Length;
                yield return frame;
            }
        }

        await foreach (var update in speechToText.TranscribeStreamAsync(Counted(), lifetime.Token))
        {
            if (update.IsFinal)
            {
                // 16 kHz, 16-bit mono (docs/voice-protocol.md): 32,000 bytes a second.
                UsageMeter.Record(UsageMeter.Meters.SpeechToTextSeconds, speechToText.Name, callerId, bytes / 32_000.0);
                return update.Text;
            }

            Send(new PartialTranscriptMessage(update.Text));
        }

        return "";
    }

    private void BargeIn(string source)
    {
        if (!bargeIn.Enabled || !TurnRunning)
        {
            return;
        }

        turn!.Cancellation.Cancel();
        VoiceTelemetry.BargeIns.Add(1, new KeyValuePair<string, object?>("source", source));
        Send(new BargeInMessage(source));
        Send(new StateMessage(States.Hearing));
    }

    private void StartTurn(Task<string>? transcription, string? typed, TurnClock clock, byte[]? recorded = null)
    {
        var previous = turn;
        if (previous is { Task.IsCompleted: false })
        {
            // A new utterance supersedes the turn still running, as if it had barged in.
            previous.Cancellation.Cancel();
            Send(new BargeInMessage("superseded"));
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        turn = new RunningTurn(cancellation, RunTurn(previous?.Task, transcription, typed, clock, recorded, cancellation));
    }

    private async Task RunTurn(Task? previous, Task<string>? transcription, string? typed, TurnClock clock, byte[]? recorded, CancellationTokenSource cancellation)
    {
        var cancellationToken = cancellation.Token;
        var speaking = false;
        Guid? turnId = null;
        try
        {
            if (previous is not null)
            {
                await previous;
            }

            var text = (typed ?? await transcription!).Trim();
            clock.TranscriptReady();
            if (text.Length == 0)
            {
                Send(new StateMessage(States.Listening));
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            Send(new TranscriptMessage(text, typed is null ? "speech" : "text"));
            Send(new StateMessage(States.Thinking));

            TakenTurn taken;
            await using (var scope = scopes.CreateAsyncScope())
            {
                taken = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TakeTurn(conversationId!.Value, callerId, text), cancellationToken);
            }

            turnId = taken.TurnId;
            clock.ReplyReady();
            Send(new ReplyMessage(taken.TurnId, taken.Sequence, taken.Reply, taken.ClarifyingQuestion, taken.Citations, taken.Calculator, clock.ToMessage()) { Differential = taken.Differential, Calendar = taken.Calendar });

            Send(new StateMessage(States.Speaking));
            var lead = TimeSpan.FromMilliseconds(options.PlaybackLeadMs);
            var audioSent = TimeSpan.Zero;
            var firstAudio = 0L;
            UsageMeter.Record(UsageMeter.Meters.TextToSpeechCharacters, textToSpeech.Name, callerId, taken.Reply.Length);
            await foreach (var chunk in textToSpeech.SynthesizeAsync(taken.Reply, cancellationToken))
            {
                if (!speaking)
                {
                    speaking = true;
                    firstAudio = System.Diagnostics.Stopwatch.GetTimestamp();
                    Send(new AudioStartMessage(chunk.SampleRate, "pcm16le", 1));
                }
                else if (lead > TimeSpan.Zero && audioSent - System.Diagnostics.Stopwatch.GetElapsedTime(firstAudio) - lead is { Ticks: > 0 } ahead)
                {
                    await Task.Delay(ahead, time, cancellationToken);
                }

                outgoing.Writer.TryWrite(new Outgoing(chunk.Pcm16, WebSocketMessageType.Binary, clock, cancellationToken));
                audioSent += Pcm16.Duration(chunk.Pcm16.Length, chunk.SampleRate);
            }

            Send(new AudioEndMessage(false, clock.ToMessage()));
            Send(new StateMessage(utterance is null ? States.Listening : States.Hearing));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (speaking)
            {
                Send(new AudioEndMessage(true, clock.ToMessage()));
            }
        }
        catch (ValidationException invalid)
        {
            Send(new ErrorMessage("invalid", string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage))));
            Send(new StateMessage(States.Listening));
        }
        catch (NotFoundException)
        {
            Send(new ErrorMessage("conversation_not_found", "The conversation no longer exists."));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTurnFailed(logger, exception.GetType().Name);
            Send(new ErrorMessage("turn_failed", "Something went wrong answering that; please try again."));
            Send(new StateMessage(States.Listening));
        }
        finally
        {
            VoiceTelemetry.Record(clock);
            if (turnId is { } id)
            {
                await Store(id, clock, interrupted: cancellationToken.IsCancellationRequested);
            }

            if (recorded is not null)
            {
                await recorder.Store(conversationId!.Value, turnId, recorded, CancellationToken.None);
            }

            cancellation.Dispose();
        }
    }

    private async Task Store(Guid turnId, TurnClock clock, bool interrupted)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VoiceDbContext>();
            db.Set<TurnTiming>().Add(TurnTiming.From(turnId, conversationId!.Value, clock, interrupted));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            // Timings are diagnostics: losing one must not end the conversation.
            LogTimingsNotStored(logger, exception.GetType().Name);
        }
    }

    private void Send<T>(T message)
        where T : class =>
        outgoing.Writer.TryWrite(new Outgoing(JsonSerializer.SerializeToUtf8Bytes(message, VoiceProtocol.Json), WebSocketMessageType.Text, null, CancellationToken.None));

    private async Task SendLoop()
    {
        try
        {
            await foreach (var item in outgoing.Reader.ReadAllAsync())
            {
                if (item.Type == WebSocketMessageType.Close)
                {
                    await CloseBecauseSessionEnded(socket);
                    continue;
                }

                // Audio of an interrupted turn that is still queued is dropped: the page must not hear it.
                if (item.Drop.IsCancellationRequested || socket.State != WebSocketState.Open)
                {
                    continue;
                }

                await socket.SendAsync(item.Payload, item.Type, endOfMessage: true, CancellationToken.None);
                item.Clock?.FirstAudioSent();
            }
        }
        catch (WebSocketException)
        {
            // The page went away; the receive loop notices and ends the session.
        }
        catch (ObjectDisposedException)
        {
            // Likewise: the turn's cancellation source was disposed after the socket failed.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A voice turn failed with {ExceptionType}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice turn timings were not stored: {ExceptionType}")]
    private static partial void LogTimingsNotStored(ILogger logger, string exceptionType);

    /// <summary>Closes with <see cref="VoiceProtocol.SessionEndedCloseCode"/>; what is still queued is not sent.</summary>
    internal static async Task CloseBecauseSessionEnded(WebSocket socket)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)VoiceProtocol.SessionEndedCloseCode, "session ended", CancellationToken.None);
        }
    }

    /// <summary>A message for the page; <see cref="WebSocketMessageType.Close"/> asks the send loop to close the socket
    /// because the sign-in session ended.</summary>
    private sealed record Outgoing(ReadOnlyMemory<byte> Payload, WebSocketMessageType Type, TurnClock? Clock, CancellationToken Drop);

    private sealed record RunningTurn(CancellationTokenSource Cancellation, Task Task);

    /// <summary>Speech being heard: its frames stream to the recogniser as they arrive.</summary>
    private sealed class Utterance
    {
        private readonly Channel<ReadOnlyMemory<byte>> frames = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        private readonly System.Buffers.ArrayBufferWriter<byte>? recording;

        public Utterance(bool serverDetected, long startSample, Func<ChannelReader<ReadOnlyMemory<byte>>, Task<string>> transcribe, bool record)
        {
            recording = record ? new System.Buffers.ArrayBufferWriter<byte>() : null;
            ServerDetected = serverDetected;
            SpeechStartSample = startSample;
            Transcript = Task.Run(() => transcribe(frames.Reader));
        }

        public bool ServerDetected { get; }

        public long SpeechStartSample { get; set; }

        public bool BargedIn { get; set; }

        public int Bytes { get; private set; }

        public Task<string> Transcript { get; }

        public void Write(byte[] frame)
        {
            Bytes += frame.Length;
            if (recording is not null)
            {
                System.Buffers.BuffersExtensions.Write(recording, frame);
            }
            frames.Writer.TryWrite(frame);
        }

        public void Complete() => frames.Writer.TryComplete();

        /// <summary>The audio heard, when the session records; null otherwise.</summary>
        public byte[]? Recorded() => recording?.WrittenSpan.ToArray();

        public void Abandon()
        {
            frames.Writer.TryComplete();
            // Observed so an abandoned recognition never surfaces as an unobserved task exception.
            _ = Transcript.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }
}
