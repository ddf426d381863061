using System.Runtime.InteropServices;
using System.Text;

namespace VoiceAssist.Voice.Speech.Synthesis.Espeak;

/// <summary>The process's one espeak-ng engine. espeak-ng keeps global state and is not re-entrant, so every instance
/// shares one lock and synthesis and phonemisation take turns. The engine lives until the process ends.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Performance",
    "CA1822:Mark members as static",
    Justification = "Callers receive the engine as a dependency; the state behind it is static because espeak-ng's own is.")]
internal sealed unsafe class EspeakEngine
{
    /// <summary>Milliseconds of audio per callback: small enough that the first chunk leaves quickly.</summary>
    private const int ChunkMilliseconds = 50;

    [ThreadStatic]
    private static SynthesisTarget? current;

    private static readonly Lock Gate = new();
    private static int sampleRate;
    private static string? voice;

    /// <summary>Output sample rate of espeak-ng (22050 Hz for its voices).</summary>
    public int SampleRate
    {
        get
        {
            lock (Gate)
            {
                EnsureInitialized();
                return sampleRate;
            }
        }
    }

    /// <summary>Synthesises <paramref name="text"/> on the calling thread, handing each buffer to <paramref name="onAudio"/>.</summary>
    public void Synthesize(string text, string voiceName, int wordsPerMinute, Action<ReadOnlySpan<short>> onAudio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(onAudio);
        var utf8 = Encoding.UTF8.GetBytes(text + "\0");
        lock (Gate)
        {
            EnsureInitialized();
            SelectVoice(voiceName);
            if (EspeakNative.SetParameter(EspeakNative.ParameterRate, wordsPerMinute, 0) != 0)
            {
                throw new InvalidOperationException($"espeak-ng rejected the rate {wordsPerMinute}.");
            }

            current = new SynthesisTarget(onAudio, cancellationToken);
            try
            {
                fixed (byte* pointer = utf8)
                {
                    var result = EspeakNative.Synth(pointer, (nuint)utf8.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8, null, 0);
                    if (current.Failure is { } failure)
                    {
                        throw new InvalidOperationException("Delivering synthesized audio failed.", failure);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (result != 0)
                    {
                        throw new InvalidOperationException($"espeak_Synth failed with {result}.");
                    }
                }
            }
            finally
            {
                current = null;
            }
        }
    }

    /// <summary>The IPA phonemes of one word, separated by underscores, with espeak-ng's stress marks.</summary>
    public string Phonemes(string word, string voiceName)
    {
        ArgumentNullException.ThrowIfNull(word);
        var utf8 = Encoding.UTF8.GetBytes(word + "\0");
        var phonemes = new StringBuilder();
        lock (Gate)
        {
            EnsureInitialized();
            SelectVoice(voiceName);
            fixed (byte* pointer = utf8)
            {
                var cursor = (nint)pointer;
                while (cursor != 0)
                {
                    var clause = EspeakNative.TextToPhonemes(ref cursor, (int)EspeakNative.CharsUtf8, EspeakNative.PhonemesIpaSeparatedByUnderscore);
                    if (clause != 0)
                    {
                        phonemes.Append(Marshal.PtrToStringUTF8(clause)).Append('_');
                    }
                }
            }
        }

        return phonemes.ToString();
    }

    private static void EnsureInitialized()
    {
        if (sampleRate > 0)
        {
            return;
        }

        var rate = EspeakNative.Initialize(EspeakNative.OutputSynchronous, ChunkMilliseconds, null, 0);
        if (rate <= 0)
        {
            throw new InvalidOperationException("espeak-ng could not start: is its data (Debian espeak-ng-data) installed?");
        }

        EspeakNative.SetSynthCallback(&OnSynthesized);
        sampleRate = rate;
    }

    private static void SelectVoice(string voiceName)
    {
        if (voice == voiceName)
        {
            return;
        }

        if (EspeakNative.SetVoiceByName(voiceName) != 0)
        {
            throw new InvalidOperationException($"espeak-ng has no voice named '{voiceName}'.");
        }

        voice = voiceName;
    }

    [UnmanagedCallersOnly]
    private static int OnSynthesized(short* samples, int count, nint events)
    {
        var target = current;
        if (target is null || target.Cancellation.IsCancellationRequested)
        {
            return 1;
        }

        if (samples is null || count <= 0)
        {
            return 0;
        }

        try
        {
            target.OnAudio(new ReadOnlySpan<short>(samples, count));
            return 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An exception must not cross into native code; it is rethrown once espeak_Synth returns.
            target.Failure = exception;
            return 1;
        }
    }

    private sealed class SynthesisTarget(Action<ReadOnlySpan<short>> onAudio, CancellationToken cancellation)
    {
        public Action<ReadOnlySpan<short>> OnAudio { get; } = onAudio;

        public CancellationToken Cancellation { get; } = cancellation;

        public Exception? Failure { get; set; }
    }
}
