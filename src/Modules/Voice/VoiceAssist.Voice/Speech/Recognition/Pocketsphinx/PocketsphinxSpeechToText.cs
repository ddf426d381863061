using System.Runtime.CompilerServices;
using VoiceAssist.Voice.Speech.Audio;

namespace VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;

/// <summary>Offline recognition with pocketsphinx in-process, decoding as frames arrive.</summary>
internal sealed class PocketsphinxSpeechToText(PocketsphinxDecoderPool decoders) : ISpeechToText
{
    public const string ProviderName = "pocketsphinx";

    /// <summary>Audio between partial transcripts: often enough to show progress, rare enough not to cost decoding time.</summary>
    private static readonly TimeSpan PartialInterval = TimeSpan.FromMilliseconds(300);

    public string Name => ProviderName;

    public async IAsyncEnumerable<TranscriptUpdate> TranscribeStreamAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var decoder = decoders.Rent();
        var clean = false;
        try
        {
            var partialEvery = (int)(PartialInterval.TotalSeconds * Pcm16.RecognitionSampleRate);
            var sinceLastPartial = 0;
            var lastPartial = "";
            byte? carry = null;
            await foreach (var frame in frames.WithCancellation(cancellationToken))
            {
                var samples = Samples(frame.Span, ref carry);
                if (samples.Length == 0)
                {
                    continue;
                }

                var hypothesis = decoder.Process(samples);
                sinceLastPartial += samples.Length;
                if (sinceLastPartial >= partialEvery && hypothesis.Length > 0 && hypothesis != lastPartial)
                {
                    sinceLastPartial = 0;
                    lastPartial = hypothesis;
                    yield return new TranscriptUpdate(hypothesis, IsFinal: false);
                }
            }

            var final = decoder.Finish();
            clean = true;
            yield return new TranscriptUpdate(final, IsFinal: true);
        }
        finally
        {
            if (clean)
            {
                decoders.Return(decoder);
            }
            else
            {
                // Stopped mid-utterance: the decoder's state is unknown, so it is not reused.
                decoder.Dispose();
            }
        }
    }

    public Task<string> TranscribeAsync(ReadOnlyMemory<byte> utterance, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var decoder = decoders.Rent();
        try
        {
            byte? carry = null;
            decoder.Process(Samples(utterance.Span, ref carry), wholeUtterance: true);
            var text = decoder.Finish();
            decoders.Return(decoder);
            return Task.FromResult(text);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Frames may split a sample across their boundary; the odd byte waits for the next frame.</summary>
    private static short[] Samples(ReadOnlySpan<byte> frame, ref byte? carry)
    {
        if (carry is { } first && frame.Length > 0)
        {
            var joined = new byte[frame.Length + 1];
            joined[0] = first;
            frame.CopyTo(joined.AsSpan(1));
            carry = null;
            return Samples(joined, ref carry);
        }

        if ((frame.Length & 1) == 1)
        {
            carry = frame[^1];
            frame = frame[..^1];
        }

        return Pcm16.ToSamples(frame);
    }
}
