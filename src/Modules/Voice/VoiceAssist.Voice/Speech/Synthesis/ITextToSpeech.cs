namespace VoiceAssist.Voice.Speech.Synthesis;

/// <summary>Words in, speech out as mono PCM16 little-endian chunks, the first as soon as the engine has it.</summary>
internal interface ITextToSpeech
{
    /// <summary>The configuration name that selects this engine (<c>Voice:TextToSpeech:Provider</c>).</summary>
    string Name { get; }

    IAsyncEnumerable<SpeechChunk> SynthesizeAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>A piece of synthesized speech; every chunk of one utterance has the same sample rate.</summary>
internal sealed record SpeechChunk(ReadOnlyMemory<byte> Pcm16, int SampleRate);
