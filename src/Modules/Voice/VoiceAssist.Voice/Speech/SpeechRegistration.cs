using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Voice.Speech.LanguageModel;
using VoiceAssist.Voice.Speech.OpenAi;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

namespace VoiceAssist.Voice.Speech;

/// <summary>The speech engines, chosen by name in configuration: <c>Voice:SpeechToText:Provider</c> and
/// <c>Voice:TextToSpeech:Provider</c>, read on every call (<see cref="CurrentSpeechToText"/>), so a change made in the
/// console applies without a restart. Engines are created only when first asked for.</summary>
internal static class SpeechRegistration
{
    public static IServiceCollection AddSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SpeechToTextOptions>(configuration.GetSection(SpeechToTextOptions.Section));
        services.Configure<TextToSpeechOptions>(configuration.GetSection(TextToSpeechOptions.Section));

        services.AddSingleton<EspeakEngine>();
        services.AddSingleton<ClinicalLanguageModel>();
        services.AddSingleton<PocketsphinxDecoderPool>();
        services.AddSingleton<PocketsphinxSpeechToText>();
        services.AddSingleton<OpenAiSpeechToText>();
        services.AddSingleton<EspeakTextToSpeech>();
        services.AddSingleton<FliteTextToSpeech>();
        services.AddSingleton<OpenAiTextToSpeech>();

        services.AddSingleton<ISpeechToText, CurrentSpeechToText>();
        services.AddSingleton<ITextToSpeech, CurrentTextToSpeech>();
        return services;
    }
}
