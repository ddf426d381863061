using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Contracts.Administration;

/// <summary>Spoken turns since <paramref name="Since"/> across every replica (from the recorded turn timings), counted
/// and timed per <paramref name="Bucket"/>, and the voice sockets open on the replica that answers.</summary>
public sealed record GetVoiceActivity(DateTimeOffset Since, TimeSpan Bucket) : IQuery<VoiceActivity>;

/// <summary>End of speech to first audio, in milliseconds, over the whole period and per bucket.</summary>
public sealed record VoiceActivity(
    int OpenSocketsOnThisReplica,
    int Turns,
    double? FirstAudioP50Ms,
    double? FirstAudioP95Ms,
    IReadOnlyList<VoiceActivityBucket> Buckets);

public sealed record VoiceActivityBucket(DateTimeOffset Start, int Turns, double? FirstAudioP50Ms, double? FirstAudioP95Ms);
