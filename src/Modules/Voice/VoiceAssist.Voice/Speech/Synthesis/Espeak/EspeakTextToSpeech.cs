using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech.Audio;

namespace VoiceAssist.Voice.Speech.Synthesis.Espeak;

/// <summary>Offline speech from espeak-ng in-process: robotic but clear, first audio within milliseconds.</summary>
internal sealed class EspeakTextToSpeech(EspeakEngine engine, IOptions<TextToSpeechOptions> options) : ITextToSpeech
{
    public const string ProviderName = "espeak";

    public string Name => ProviderName;

    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.Value;
        var sampleRate = engine.SampleRate;
        var chunks = Channel.CreateUnbounded<SpeechChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var synthesis = Task.Run(
            () =>
            {
                try
                {
                    engine.Synthesize(text, settings.EspeakVoice, settings.EspeakRate, samples => chunks.Writer.TryWrite(new SpeechChunk(Pcm16.ToBytes(samples), sampleRate)), stop.Token);
                    chunks.Writer.TryComplete();
                }
                catch (Exception exception)
                {
                    chunks.Writer.TryComplete(exception);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                yield return chunk;
            }
        }
        finally
        {
            // A consumer that stops early (barge-in) aborts the synthesis instead of letting it run to the end.
            await stop.CancelAsync();
            await synthesis;
        }
    }
}
