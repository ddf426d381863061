using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech.LanguageModel;
using VoiceAssist.Voice.Speech.OpenAi;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

namespace VoiceAssist.Voice.Speech;

/// <summary>The speech engines, chosen by name in configuration: <c>Voice:SpeechToText:Provider</c> and
/// <c>Voice:TextToSpeech:Provider</c>. Engines are created only when first asked for.</summary>
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

        services.AddSingleton<ISpeechToText>(provider =>
            provider.GetRequiredService<IOptions<SpeechToTextOptions>>().Value.Provider.ToUpperInvariant() switch
            {
                "POCKETSPHINX" => provider.GetRequiredService<PocketsphinxSpeechToText>(),
                "OPENAI" => provider.GetRequiredService<OpenAiSpeechToText>(),
                var other => throw new InvalidOperationException(
                    $"{SpeechToTextOptions.Section}:Provider is '{other}'; it must be {PocketsphinxSpeechToText.ProviderName} or {OpenAiSpeechToText.ProviderName}."),
            });
        services.AddSingleton<ITextToSpeech>(provider =>
            provider.GetRequiredService<IOptions<TextToSpeechOptions>>().Value.Provider.ToUpperInvariant() switch
            {
                "ESPEAK" => provider.GetRequiredService<EspeakTextToSpeech>(),
                "FLITE" => provider.GetRequiredService<FliteTextToSpeech>(),
                "OPENAI" => provider.GetRequiredService<OpenAiTextToSpeech>(),
                var other => throw new InvalidOperationException(
                    $"{TextToSpeechOptions.Section}:Provider is '{other}'; it must be {EspeakTextToSpeech.ProviderName}, {FliteTextToSpeech.ProviderName} or {OpenAiTextToSpeech.ProviderName}."),
            });
        return services;
    }
}
