using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech.OpenAi;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

namespace VoiceAssist.Voice.Speech;

/// <summary>The speech-to-text engine <c>Voice:SpeechToText:Provider</c> names now, chosen on every call.</summary>
internal sealed class CurrentSpeechToText(IServiceProvider services, IOptionsMonitor<SpeechToTextOptions> options) : ISpeechToText
{
    public string Name => Engine().Name;

    public IAsyncEnumerable<TranscriptUpdate> TranscribeStreamAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken = default) =>
        Engine().TranscribeStreamAsync(frames, cancellationToken);

    public Task<string> TranscribeAsync(ReadOnlyMemory<byte> utterance, CancellationToken cancellationToken = default) =>
        Engine().TranscribeAsync(utterance, cancellationToken);

    private ISpeechToText Engine() => options.CurrentValue.Provider.ToUpperInvariant() switch
    {
        "POCKETSPHINX" => services.GetRequiredService<PocketsphinxSpeechToText>(),
        "OPENAI" => services.GetRequiredService<OpenAiSpeechToText>(),
        var other => throw new InvalidOperationException(
            $"{SpeechToTextOptions.Section}:Provider is '{other}'; it must be {PocketsphinxSpeechToText.ProviderName} or {OpenAiSpeechToText.ProviderName}."),
    };
}

/// <summary>The text-to-speech engine <c>Voice:TextToSpeech:Provider</c> names now, chosen on every call.</summary>
internal sealed class CurrentTextToSpeech(IServiceProvider services, IOptionsMonitor<TextToSpeechOptions> options) : ITextToSpeech
{
    public string Name => Engine().Name;

    public IAsyncEnumerable<SpeechChunk> SynthesizeAsync(string text, CancellationToken cancellationToken = default) =>
        Engine().SynthesizeAsync(text, cancellationToken);

    private ITextToSpeech Engine() => options.CurrentValue.Provider.ToUpperInvariant() switch
    {
        "ESPEAK" => services.GetRequiredService<EspeakTextToSpeech>(),
        "FLITE" => services.GetRequiredService<FliteTextToSpeech>(),
        "OPENAI" => services.GetRequiredService<OpenAiTextToSpeech>(),
        var other => throw new InvalidOperationException(
            $"{TextToSpeechOptions.Section}:Provider is '{other}'; it must be {EspeakTextToSpeech.ProviderName}, {FliteTextToSpeech.ProviderName} or {OpenAiTextToSpeech.ProviderName}."),
    };
}
