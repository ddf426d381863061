namespace VoiceAssist.Voice.VoiceSessions.Realtime;

/// <summary>The <c>Voice:SpeechToSpeech</c> section: whether the voice socket hands the conversation to a
/// speech-to-speech service instead of the recogniser → conversation engine → synthesiser pipeline.</summary>
internal sealed class SpeechToSpeechOptions
{
    public const string Section = "Voice:SpeechToSpeech";
    public const string Off = "off";
    public const string OpenAiRealtime = "openai-realtime";

    /// <summary><c>off</c> (default: the offline pipeline) or <c>openai-realtime</c>.</summary>
    public string Provider { get; set; } = Off;

    /// <summary>The Realtime WebSocket endpoint; <c>?model=</c> is added.</summary>
    public Uri BaseUrl { get; set; } = new("wss://api.openai.com/v1/realtime");

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-realtime-preview";

    public string Voice { get; set; } = "alloy";

    /// <summary>Model that transcribes the clinician's speech for captions.</summary>
    public string TranscriptionModel { get; set; } = "whisper-1";

    public string Instructions { get; set; } =
        "You are a voice assistant for clinicians. Answer briefly and precisely; say when you are unsure; do not invent sources.";

    /// <summary>The service's voice activity threshold (0 to 1).</summary>
    public double VadThreshold { get; set; } = 0.5;

    /// <summary>Quiet that ends the clinician's turn, in milliseconds.</summary>
    public int SilenceDurationMs { get; set; } = 500;

    public bool Enabled => string.Equals(Provider, OpenAiRealtime, StringComparison.OrdinalIgnoreCase);
}
