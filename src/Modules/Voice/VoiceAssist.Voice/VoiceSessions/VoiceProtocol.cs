using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Knowledge;

namespace VoiceAssist.Voice.VoiceSessions;

/// <summary>The JSON control messages of the voice socket (docs/voice-protocol.md). Every message is an object with a
/// <c>type</c>; audio travels in binary frames beside them.</summary>
internal static class VoiceProtocol
{
    public const string Path = "/api/voice/ws";

    /// <summary>A message whose text holds a NUL character is refused like any malformed message.</summary>
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    }.RefuseNulCharacters();

    public static class States
    {
        public const string Idle = "idle";
        public const string Listening = "listening";
        public const string Hearing = "hearing";
        public const string Thinking = "thinking";
        public const string Speaking = "speaking";
    }

    /// <summary>The close code of a socket whose sign-in session ended (WebSocket codes 4000-4999 are the
    /// application's): the page must not reconnect with the token it holds, but log off.</summary>
    public const int SessionEndedCloseCode = 4401;

    public static class Modes
    {
        public const string HandsFree = "hands-free";
        public const string PushToTalk = "push-to-talk";
    }
}

/// <summary>A message from the page, read leniently: unknown fields are ignored, a missing <c>type</c> is an error.</summary>
internal sealed record ClientMessage(string Type, Guid? ConversationId, int? SampleRate, string? Mode, string? Text)
{
    public static ClientMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var message = JsonSerializer.Deserialize<ClientMessage>(utf8, VoiceProtocol.Json);
            return string.IsNullOrEmpty(message?.Type) ? null : message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record ReadyMessage(Guid ConversationId, bool Resumed, int Turns, int SampleRate, string Mode, int BargeInMinSpeechMs, string SpeechToSpeech, string AudioStorage)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "ready";
}

internal sealed record StateMessage(string State)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "state";
}

internal sealed record PartialTranscriptMessage(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "partial_transcript";
}

internal sealed record TranscriptMessage(string Text, string Source)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "transcript";
}

internal sealed record ReplyMessage(
    Guid? TurnId,
    int? Sequence,
    string Text,
    string? ClarifyingQuestion,
    IReadOnlyList<Citation> Citations,
    CalculatorOutcome? Calculator,
    TurnTimingsMessage Timings)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "reply";

    public DifferentialOutcome? Differential { get; init; }

    /// <summary>The events card of a calendar turn.</summary>
    public Dialogue.Calendar.CalendarOutcome? Calendar { get; init; }
}

internal sealed record AudioStartMessage(int SampleRate, string Encoding, int Channels)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "audio_start";
}

internal sealed record AudioEndMessage(bool Interrupted, TurnTimingsMessage Timings)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "audio_end";
}

/// <summary>Sent when the server decides the clinician spoke over the assistant: the page stops playback at once.</summary>
internal sealed record BargeInMessage(string Source)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "barge_in";
}

internal sealed record ErrorMessage(string Code, string Message)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "error";
}

/// <summary>Sent last before the socket closes with <see cref="VoiceProtocol.SessionEndedCloseCode"/>: the clinician's
/// sign-in session ended (signed out, timed out, revoked). <see cref="Reason"/> is the session's revocation reason
/// when this server saw it (<c>signed_out</c>, <c>idle_timeout</c>, <c>revoked_by_admin</c>, ...), else <c>ended</c>.</summary>
internal sealed record SessionEndedMessage(string Reason)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "session_ended";
}

internal sealed record PongMessage
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "pong";
}

/// <summary>Milliseconds from the end of speech to each later moment of the turn; null where it has not happened.</summary>
internal sealed record TurnTimingsMessage(string EndOfSpeechSource, double? TranscriptMs, double? ReplyMs, double? FirstAudioMs);
