namespace VoiceAssist.Voice.Speech;

/// <summary>The <c>Voice:SpeechToText</c> section.</summary>
internal sealed class SpeechToTextOptions
{
    public const string Section = "Voice:SpeechToText";

    /// <summary>pocketsphinx (offline, default) or openai.</summary>
    public string Provider { get; set; } = "pocketsphinx";

    public PocketsphinxOptions Pocketsphinx { get; set; } = new();

    public OpenAiSpeechOptions OpenAi { get; set; } = new() { Model = "whisper-1" };
}

/// <summary>The <c>Voice:TextToSpeech</c> section.</summary>
internal sealed class TextToSpeechOptions
{
    public const string Section = "Voice:TextToSpeech";

    /// <summary>espeak (offline, default), flite (offline, more natural) or openai.</summary>
    public string Provider { get; set; } = "espeak";

    /// <summary>espeak-ng voice name.</summary>
    public string EspeakVoice { get; set; } = "en-us";

    /// <summary>Words per minute for espeak-ng.</summary>
    public int EspeakRate { get; set; } = 165;

    /// <summary>flite voice: slt, kal16, awb, rms, kal.</summary>
    public string FliteVoice { get; set; } = "slt";

    public OpenAiSpeechOptions OpenAi { get; set; } = new() { Model = "tts-1" };
}

/// <summary>Which language model the offline recogniser decodes with.</summary>
internal enum LanguageModelMode
{
    /// <summary>The generic en-us model shipped with pocketsphinx.</summary>
    Generic,

    /// <summary>Only the clinical model built from the project's corpus.</summary>
    Clinical,

    /// <summary>The clinical model interpolated with the generic one.</summary>
    Interpolated,
}

internal sealed class PocketsphinxOptions
{
    /// <summary>Directory of the en-us acoustic model, dictionary and language model (Debian pocketsphinx-en-us).</summary>
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    public LanguageModelMode LanguageModel { get; set; } = LanguageModelMode.Interpolated;

    /// <summary>Weight of the clinical model when interpolating; the generic model gets the rest.</summary>
    public double ClinicalWeight { get; set; } = 0.6;

    /// <summary>Where the built clinical model and dictionary are written; the temporary directory by default.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Decoders kept warm between sessions (each holds its models in memory).</summary>
    public int IdleDecoders { get; set; } = 2;
}

/// <summary>An OpenAI-compatible audio endpoint.</summary>
internal sealed class OpenAiSpeechOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1/");

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "";

    /// <summary>Voice for speech synthesis.</summary>
    public string Voice { get; set; } = "alloy";

    /// <summary>Language hint for transcription (ISO-639-1).</summary>
    public string Language { get; set; } = "en";
}
