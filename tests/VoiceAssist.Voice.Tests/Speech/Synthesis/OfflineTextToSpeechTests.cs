using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

namespace VoiceAssist.Voice.Tests.Speech.Synthesis;

public sealed class OfflineTextToSpeechTests
{
    // Fourteen words: spoken at a normal pace that is about four seconds.
    private const string Sentence = "The CHA2DS2-VASc score is four, so anticoagulation with apixaban is recommended for this patient.";

    public static TheoryData<string> Voices => ["espeak", "flite slt", "flite kal16"];

    [Theory]
    [MemberData(nameof(Voices))]
    public async Task Speaks_a_sentence_as_audible_pcm_of_plausible_duration(string voice)
    {
        var (pcm, sampleRate, chunks) = await SpeechAudio.Collect(Engine(voice).SynthesizeAsync(Sentence));

        sampleRate.Should().BeOneOf(16_000, 22_050);
        chunks.Should().BeGreaterThan(1, "audio is handed over in pieces, not as one block at the end");
        Pcm16.Duration(pcm.Length, sampleRate).TotalSeconds.Should().BeInRange(2.5, 10);
        Pcm16.LevelDbfs(Pcm16.ToSamples(pcm)).Should().BeGreaterThan(-35, "speech is clearly louder than silence");
    }

    [Fact]
    public async Task Espeak_voice_stops_synthesising_when_the_listener_stops_early()
    {
        var engine = Engine("espeak");
        var chunks = 0;
        await foreach (var _ in engine.SynthesizeAsync(string.Join(' ', Enumerable.Repeat(Sentence, 20))))
        {
            if (++chunks == 2)
            {
                break;
            }
        }

        // The engine is free again at once: the next utterance is not queued behind the abandoned one.
        var (pcm, _, _) = await SpeechAudio.Collect(engine.SynthesizeAsync("Done."));
        pcm.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Espeak_voice_gives_every_chunk_the_same_stated_sample_rate()
    {
        var rates = new List<int>();
        await foreach (var chunk in Engine("espeak").SynthesizeAsync(Sentence))
        {
            rates.Add(chunk.SampleRate);
            (chunk.Pcm16.Length % 2).Should().Be(0);
        }

        rates.Distinct().Should().Equal(new EspeakEngine().SampleRate);
    }

    private static ITextToSpeech Engine(string voice) => voice switch
    {
        "espeak" => new EspeakTextToSpeech(new EspeakEngine(), Options.Create(new TextToSpeechOptions())),
        _ => new FliteTextToSpeech(Options.Create(new TextToSpeechOptions { FliteVoice = voice.Split(' ')[1] })),
    };
}
