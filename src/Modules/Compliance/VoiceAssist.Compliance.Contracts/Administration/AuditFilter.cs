namespace VoiceAssist.Compliance.Contracts.Administration;

/// <summary>Which audit entries to show or export; every filter is optional and they combine with AND. Values match
/// exactly, except <see cref="Action"/>: ending in <c>*</c> it matches every action starting with what comes before
/// (<c>identity.user.*</c>). <see cref="From"/> and <see cref="To"/> are inclusive.</summary>
public sealed record AuditFilter(
    string? Action = null,
    string? ActorId = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? CorrelationId = null,
    string? ResourceType = null,
    string? ResourceId = null)
{
    /// <summary>The wildcard that turns <see cref="Action"/> into a prefix.</summary>
    public const char PrefixWildcard = '*';

    /// <summary>No filter at all: the whole trail.</summary>
    public static AuditFilter All { get; } = new();
}

/// <summary>One line of a search result or an export: who did what to which resource, when, and how it ended.</summary>
public sealed record AuditEntrySummary(
    long Id,
    long ChainSequence,
    DateTimeOffset OccurredAt,
    string Action,
    string ResourceType,
    string ResourceId,
    string? ActorId,
    string? ActorRole,
    string? Outcome,
    string? CorrelationId,
    string? ClientIp,
    string? Reason);
