using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts.Administration;

/// <summary>Everything one audit entry holds, including the values before and after an administrative change and its
/// place in the hash chain. Administrators and auditors only; not found is a 404.</summary>
public sealed record GetAuditEntry(long Id) : IQuery<AuditEntryDetail>;

/// <summary>One entry in full. <see cref="Before"/> and <see cref="After"/> are set for administrative changes only
/// (short text or compact JSON, never a secret); hashes are lower-case hexadecimal.</summary>
public sealed record AuditEntryDetail(
    long Id,
    long ChainSequence,
    DateTimeOffset OccurredAt,
    string Action,
    string ResourceType,
    string ResourceId,
    string? ActorId,
    string? ActorRole,
    string? SessionId,
    string? ClientIp,
    string? Outcome,
    string? CorrelationId,
    string? Reason,
    string? Before,
    string? After,
    Guid SourceEventId,
    string PreviousHash,
    string Hash);
