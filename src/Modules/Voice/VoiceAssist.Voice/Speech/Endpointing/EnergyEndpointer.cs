using VoiceAssist.Voice.Speech.Audio;

namespace VoiceAssist.Voice.Speech.Endpointing;

/// <summary>Where speech starts or ends, measured from the first sample the endpointer was given.</summary>
internal sealed record SpeechBoundary(SpeechBoundaryKind Kind, TimeSpan At);

internal enum SpeechBoundaryKind
{
    Started,
    Ended,
}

/// <summary>Tuning of <see cref="EnergyEndpointer"/>; the defaults suit a clinician speaking close to a microphone.</summary>
internal sealed record EndpointerSettings
{
    public int SampleRate { get; init; } = Pcm16.RecognitionSampleRate;

    public TimeSpan Frame { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How far above the noise floor a frame must be to count as speech.</summary>
    public double ThresholdDb { get; init; } = 12;

    /// <summary>The floor never drops below this, so digital silence does not make every breath speech.</summary>
    public double MinimumFloorDbfs { get; init; } = -65;

    /// <summary>Speech must last this long before it starts: a cough or a click is shorter.</summary>
    public TimeSpan MinimumSpeech { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Quiet frames tolerated inside speech that is still being confirmed (between syllables).</summary>
    public TimeSpan OnsetGap { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Quiet after speech before it ends, so pauses between words do not end the utterance.</summary>
    public TimeSpan Hangover { get; init; } = TimeSpan.FromMilliseconds(600);
}

/// <summary>The server-side fallback voice activity detector: frame energy against an adaptive noise floor. The floor
/// follows quieter frames quickly and louder ones slowly, so it settles on the background and drifts up if the
/// room gets noisier. Feed it any number of samples at a time; it keeps the partial frame.</summary>
internal sealed class EnergyEndpointer(EndpointerSettings settings)
{
    private const double FloorFall = 0.3;
    private const double FloorRiseInSilence = 0.02;
    private const double FloorRiseInSpeech = 0.002;

    private readonly int frameSamples = (int)(settings.SampleRate * settings.Frame.TotalSeconds);
    private readonly List<short> pending = [];
    private double floor = settings.MinimumFloorDbfs;
    private long frameIndex;
    private bool inSpeech;
    private long candidateStart = -1;
    private int candidateSpeechFrames;
    private int quietFrames;
    private long lastSpeechFrame;

    public EnergyEndpointer()
        : this(new EndpointerSettings())
    {
    }

    public bool InSpeech => inSpeech;

    public double NoiseFloorDbfs => floor;

    public IReadOnlyList<SpeechBoundary> Accept(ReadOnlySpan<short> samples)
    {
        var boundaries = new List<SpeechBoundary>();
        pending.AddRange(samples);
        var consumed = 0;
        var all = pending.ToArray();
        while (all.Length - consumed >= frameSamples)
        {
            if (Frame(all.AsSpan(consumed, frameSamples)) is { } boundary)
            {
                boundaries.Add(boundary);
            }

            consumed += frameSamples;
        }

        pending.RemoveRange(0, consumed);
        return boundaries;
    }

    /// <summary>The audio ended: speech still open ends after its last loud frame.</summary>
    public SpeechBoundary? Complete()
    {
        if (!inSpeech)
        {
            return null;
        }

        inSpeech = false;
        return new SpeechBoundary(SpeechBoundaryKind.Ended, At(lastSpeechFrame + 1));
    }

    private SpeechBoundary? Frame(ReadOnlySpan<short> frame)
    {
        var level = Pcm16.LevelDbfs(frame);
        var index = frameIndex++;
        var loud = level > floor + settings.ThresholdDb;
        AdaptFloor(level, loud);

        if (inSpeech)
        {
            if (loud)
            {
                quietFrames = 0;
                lastSpeechFrame = index;
                return null;
            }

            if (++quietFrames * settings.Frame < settings.Hangover)
            {
                return null;
            }

            inSpeech = false;
            candidateStart = -1;
            return new SpeechBoundary(SpeechBoundaryKind.Ended, At(lastSpeechFrame + 1));
        }

        if (loud)
        {
            if (candidateStart < 0)
            {
                candidateStart = index;
                candidateSpeechFrames = 0;
            }

            candidateSpeechFrames++;
            quietFrames = 0;
            lastSpeechFrame = index;
            if (candidateSpeechFrames * settings.Frame >= settings.MinimumSpeech)
            {
                inSpeech = true;
                return new SpeechBoundary(SpeechBoundaryKind.Started, At(candidateStart));
            }

            return null;
        }

        if (candidateStart >= 0 && ++quietFrames * settings.Frame > settings.OnsetGap)
        {
            candidateStart = -1;
        }

        return null;
    }

    private void AdaptFloor(double level, bool loud)
    {
        var rate = level < floor ? FloorFall : loud || inSpeech ? FloorRiseInSpeech : FloorRiseInSilence;
        floor = Math.Max(settings.MinimumFloorDbfs, floor + (rate * (level - floor)));
    }

    private TimeSpan At(long frame) => frame * settings.Frame;
}
