using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Synthesis;

namespace VoiceAssist.Voice.Tests.Speech;

public sealed class SpeechRegistrationTests
{
    [Theory]
    [InlineData("pocketsphinx", "espeak")]
    [InlineData("openai", "flite")]
    [InlineData("OpenAI", "openai")]
    public void Selects_the_engines_named_in_configuration(string speechToText, string textToSpeech)
    {
        using var services = Services(speechToText, textToSpeech);

        services.GetRequiredService<ISpeechToText>().Name.Should().Be(speechToText.ToLowerInvariant());
        services.GetRequiredService<ITextToSpeech>().Name.Should().Be(textToSpeech);
    }

    [Fact]
    public void Rejects_an_unknown_engine_name_listing_the_known_ones()
    {
        using var services = Services("whisper.cpp", "espeak");

        services.Invoking(s => s.GetRequiredService<ISpeechToText>().Name).Should().Throw<InvalidOperationException>()
            .WithMessage("*Voice:SpeechToText:Provider*whisper.cpp*pocketsphinx*openai*");
    }

    [Fact]
    public void Follows_a_changed_engine_name_without_a_restart()
    {
        var configuration = Configuration("pocketsphinx", "espeak");
        using var services = Services(configuration);
        var speechToText = services.GetRequiredService<ISpeechToText>();
        var textToSpeech = services.GetRequiredService<ITextToSpeech>();
        speechToText.Name.Should().Be("pocketsphinx");

        configuration["Voice:SpeechToText:Provider"] = "openai";
        configuration["Voice:TextToSpeech:Provider"] = "flite";
        configuration.Reload();

        speechToText.Name.Should().Be("openai", "the engine is chosen on each call from the settings in force");
        textToSpeech.Name.Should().Be("flite");
    }

    private static ServiceProvider Services(string speechToText, string textToSpeech) => Services(Configuration(speechToText, textToSpeech));

    private static IConfigurationRoot Configuration(string speechToText, string textToSpeech) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Voice:SpeechToText:Provider"] = speechToText,
            ["Voice:TextToSpeech:Provider"] = textToSpeech,
        }).Build();

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging().AddSpeech(configuration);
        services.AddHttpClient();
        return services.BuildServiceProvider();
    }
}
