using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Recognition;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

namespace VoiceAssist.Voice.Tests.Speech.Recognition;

public sealed class PocketsphinxSpeechToTextTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    [Fact]
    public async Task Transcribes_a_recorded_command_exactly()
    {
        var text = await fixture.Recognizer(LanguageModelMode.Generic).TranscribeAsync(SpeechAudio.GoForward());

        text.Should().Be("go forward ten meters");
    }

    [Fact]
    public async Task Transcribes_recorded_read_speech_with_bounded_word_error_rate()
    {
        const string reference = "unless to be rather cold hearted and rather selfish is to be ill disposed";

        var text = await fixture.Recognizer(LanguageModelMode.Generic).TranscribeAsync(SpeechAudio.Librivox("0890"));

        TranscriptText.WordErrorRate(reference, text).Should().BeLessThanOrEqualTo(0.4, $"pocketsphinx heard \"{text}\"");
    }

    [Fact]
    public async Task Streams_partial_transcripts_while_audio_arrives_and_ends_with_one_final_transcript()
    {
        var recognizer = fixture.Recognizer(LanguageModelMode.Generic);
        const string reference = "and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them";
        var audio = SpeechAudio.Librivox("0870");

        var updates = new List<TranscriptUpdate>();
        await foreach (var update in recognizer.TranscribeStreamAsync(Frames(audio, bytes: 641)))
        {
            updates.Add(update);
        }

        updates.Should().HaveCountGreaterThan(2);
        updates.SkipLast(1).Should().OnlyContain(update => !update.IsFinal && update.Text.Length > 0);
        updates[^1].IsFinal.Should().BeTrue();
        TranscriptText.WordErrorRate(reference, updates[^1].Text).Should().BeLessThanOrEqualTo(0.5, $"pocketsphinx heard \"{updates[^1].Text}\"");
    }

    [Fact]
    public async Task Clinical_language_model_recognises_a_calculator_and_a_drug_name_the_generic_model_misses()
    {
        const string question = "calculate the has bled score for this patient on warfarin";
        var speech = await Spoken(question);

        var generic = await fixture.Recognizer(LanguageModelMode.Generic).TranscribeAsync(speech);
        var clinical = await fixture.Recognizer(LanguageModelMode.Clinical).TranscribeAsync(speech);

        generic.Should().NotContain("has bled").And.NotContain("warfarin");
        clinical.Should().Contain("has bled").And.Contain("warfarin");
        TranscriptText.WordErrorRate(question, clinical).Should().BeLessThan(TranscriptText.WordErrorRate(question, generic));
    }

    [Fact]
    public async Task Interpolated_language_model_recognises_a_calculator_name_and_still_transcribes_everyday_speech()
    {
        var recognizer = fixture.Recognizer(LanguageModelMode.Interpolated);

        var clinical = await recognizer.TranscribeAsync(await Spoken("what is the chads vasc score for an eighty year old woman with hypertension"));
        var everyday = await recognizer.TranscribeAsync(SpeechAudio.GoForward());

        clinical.Should().Contain("chads vasc");
        everyday.Should().Be("go forward ten meters");
    }

    private static async Task<byte[]> Spoken(string text)
    {
        var voice = new FliteTextToSpeech(Microsoft.Extensions.Options.Options.Create(new TextToSpeechOptions { FliteVoice = "slt" }));
        var (pcm, rate, _) = await SpeechAudio.Collect(voice.SynthesizeAsync(text));
        return SpeechAudio.ResampleTo16k(pcm, rate);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(byte[] audio, int bytes)
    {
        for (var offset = 0; offset < audio.Length; offset += bytes)
        {
            await Task.Yield();
            yield return audio.AsMemory(offset, Math.Min(bytes, audio.Length - offset));
        }
    }
}
