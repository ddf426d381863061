namespace VoiceAssist.Voice.Speech.Recognition;

/// <summary>Speech in, words out. Audio is 16 kHz mono PCM16 little-endian, in frames of any length.</summary>
internal interface ISpeechToText
{
    /// <summary>The configuration name that selects this engine (<c>Voice:SpeechToText:Provider</c>).</summary>
    string Name { get; }

    /// <summary>Decodes frames as they arrive, yielding partial transcripts while the clinician speaks and exactly one
    /// final transcript once the frames end.</summary>
    IAsyncEnumerable<TranscriptUpdate> TranscribeStreamAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken = default);

    /// <summary>Decodes one whole utterance.</summary>
    Task<string> TranscribeAsync(ReadOnlyMemory<byte> utterance, CancellationToken cancellationToken = default);
}

/// <summary>A transcript so far (<see cref="IsFinal"/> false) or of the whole utterance.</summary>
internal sealed record TranscriptUpdate(string Text, bool IsFinal);
