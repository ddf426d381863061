using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Endpointing;

namespace VoiceAssist.Voice.Tests.Speech.Endpointing;

public sealed class EnergyEndpointerTests
{
    private const string RoomNoise = "whitenoise vol 0.002";

    [Fact]
    public void Finds_where_recorded_speech_starts_and_ends_between_stretches_of_room_noise()
    {
        var audio = Concat(SpeechAudio.Generated($"synth 1.0 {RoomNoise}"), SpeechAudio.GoForward(), SpeechAudio.Generated($"synth 1.5 {RoomNoise}"));

        var boundaries = Run(audio, frameBytes: 640);

        boundaries.Select(b => b.Kind).Should().Equal(SpeechBoundaryKind.Started, SpeechBoundaryKind.Ended);
        boundaries[0].At.TotalSeconds.Should().BeApproximately(1.0 + 0.50, 0.12, "the first word begins 0.50 s into the recording");
        boundaries[1].At.TotalSeconds.Should().BeInRange(1.0 + 2.0, 1.0 + 2.5, "the last word ends about 2.3 s into the recording");
    }

    [Fact]
    public void Gives_the_same_boundaries_whatever_size_the_incoming_frames_are()
    {
        var audio = Concat(SpeechAudio.Generated($"synth 0.5 {RoomNoise}"), SpeechAudio.Librivox("0880"), SpeechAudio.Generated($"synth 1.0 {RoomNoise}"));

        Run(audio, frameBytes: 333).Should().Equal(Run(audio, frameBytes: 4096));
    }

    [Fact]
    public void Does_not_treat_a_short_cough_as_speech()
    {
        var audio = Concat(
            SpeechAudio.Generated($"synth 1.0 {RoomNoise}"),
            SpeechAudio.Generated("synth 0.12 whitenoise vol 0.3"),
            SpeechAudio.Generated($"synth 1.0 {RoomNoise}"));

        Run(audio, frameBytes: 640).Should().BeEmpty();
    }

    [Fact]
    public void Keeps_one_utterance_through_a_pause_shorter_than_the_hangover()
    {
        var audio = Concat(
            SpeechAudio.Generated($"synth 0.5 {RoomNoise}"),
            SpeechAudio.Librivox("0880"),
            SpeechAudio.Generated($"synth 0.1 {RoomNoise}"),
            SpeechAudio.Librivox("0930"),
            SpeechAudio.Generated($"synth 1.0 {RoomNoise}"));

        Run(audio, frameBytes: 640).Select(b => b.Kind).Should().Equal(SpeechBoundaryKind.Started, SpeechBoundaryKind.Ended);
    }

    [Fact]
    public void Ends_open_speech_when_the_audio_stops()
    {
        var endpointer = new EnergyEndpointer();
        var started = endpointer.Accept(Pcm16.ToSamples(Concat(SpeechAudio.Generated($"synth 0.5 {RoomNoise}"), SpeechAudio.Librivox("0930"))));

        started.Should().ContainSingle(b => b.Kind == SpeechBoundaryKind.Started);
        endpointer.Complete().Should().BeEquivalentTo(new { Kind = SpeechBoundaryKind.Ended });
    }

    private static List<SpeechBoundary> Run(byte[] audio, int frameBytes)
    {
        var endpointer = new EnergyEndpointer();
        var boundaries = new List<SpeechBoundary>();
        var samples = Pcm16.ToSamples(audio);
        for (var offset = 0; offset < samples.Length; offset += frameBytes / 2)
        {
            boundaries.AddRange(endpointer.Accept(samples.AsSpan(offset, Math.Min(frameBytes / 2, samples.Length - offset))));
        }

        if (endpointer.Complete() is { } last)
        {
            boundaries.Add(last);
        }

        return boundaries;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();
}
