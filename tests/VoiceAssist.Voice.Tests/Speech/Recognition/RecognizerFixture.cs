using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.LanguageModel;
using VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;

namespace VoiceAssist.Voice.Tests.Speech.Recognition;

/// <summary>The clinical model is built once for all recognition tests, in a directory of their own.</summary>
public sealed class RecognizerFixture : IDisposable
{
    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), "voiceassist-speech-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<PocketsphinxDecoderPool> pools = [];

    public RecognizerFixture()
    {
        Model = new ClinicalLanguageModel(new EspeakEngine(), Options(LanguageModelMode.Interpolated), NullLogger<ClinicalLanguageModel>.Instance);
        Files = Model.Build();
    }

    internal ClinicalLanguageModel Model { get; }

    internal ClinicalModelFiles Files { get; }

    internal PocketsphinxSpeechToText Recognizer(LanguageModelMode mode)
    {
        var pool = new PocketsphinxDecoderPool(Model, Options(mode));
        lock (pools)
        {
            pools.Add(pool);
        }

        return new PocketsphinxSpeechToText(pool);
    }

    public void Dispose()
    {
        foreach (var pool in pools)
        {
            pool.Dispose();
        }

        Directory.Delete(workDirectory, recursive: true);
    }

    private IOptions<SpeechToTextOptions> Options(LanguageModelMode mode) =>
        Microsoft.Extensions.Options.Options.Create(new SpeechToTextOptions { Pocketsphinx = { LanguageModel = mode, WorkDirectory = workDirectory } });
}
