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

        services.Invoking(s => s.GetRequiredService<ISpeechToText>()).Should().Throw<InvalidOperationException>()
            .WithMessage("*Voice:SpeechToText:Provider*whisper.cpp*pocketsphinx*openai*");
    }

    private static ServiceProvider Services(string speechToText, string textToSpeech)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Voice:SpeechToText:Provider"] = speechToText,
            ["Voice:TextToSpeech:Provider"] = textToSpeech,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSpeech(configuration);
        services.AddHttpClient();
        return services.BuildServiceProvider();
    }
}
