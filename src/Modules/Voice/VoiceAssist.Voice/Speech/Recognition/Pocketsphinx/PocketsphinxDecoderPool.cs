using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech.LanguageModel;

namespace VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;

/// <summary>Hands each session a decoder of its own and keeps a few warm, since loading the models takes a fraction
/// of a second. A decoder is only ever used by the one session that rented it.</summary>
internal sealed class PocketsphinxDecoderPool(ClinicalLanguageModel clinical, IOptions<SpeechToTextOptions> options) : IDisposable
{
    private readonly ConcurrentBag<PocketsphinxDecoder> idle = [];
    private bool disposed;

    public LanguageModelMode Mode => options.Value.Pocketsphinx.LanguageModel;

    public PocketsphinxDecoder Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return idle.TryTake(out var decoder) ? decoder : PocketsphinxDecoder.Create(Model());
    }

    /// <summary>Takes back a decoder that finished its utterance cleanly.</summary>
    public void Return(PocketsphinxDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (disposed || idle.Count >= options.Value.Pocketsphinx.IdleDecoders)
        {
            decoder.Dispose();
            return;
        }

        idle.Add(decoder);
    }

    public DecoderModel Model()
    {
        var settings = options.Value.Pocketsphinx;
        return settings.LanguageModel switch
        {
            LanguageModelMode.Generic => new DecoderModel(clinical.AcousticModel, clinical.CmuDictionary, clinical.GenericLanguageModel),
            LanguageModelMode.Clinical => new DecoderModel(clinical.AcousticModel, clinical.Build().Dictionary, clinical.Build().LanguageModel),
            LanguageModelMode.Interpolated => new DecoderModel(
                clinical.AcousticModel,
                clinical.Build().MergedDictionary,
                clinical.GenericLanguageModel,
                (clinical.Build().LanguageModel, settings.ClinicalWeight)),
            _ => throw new InvalidOperationException($"Unknown language model mode {settings.LanguageModel}."),
        };
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }
    }
}
