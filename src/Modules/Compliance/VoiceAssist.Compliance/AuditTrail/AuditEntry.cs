namespace VoiceAssist.Compliance.AuditTrail;

/// <summary>One recorded action: who did what to which resource, and when.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Action { get; set; }
    public required string ResourceType { get; set; }
    public required string ResourceId { get; set; }
    public string? ActorId { get; set; }
    public Guid SourceEventId { get; set; }

    /// <summary>How the action ended (<c>AuditOutcomes</c>); null for facts recorded from events.</summary>
    public string? Outcome { get; set; }

    /// <summary>The correlation id of the request that did it, to find its log lines and traces.</summary>
    public string? CorrelationId { get; set; }

    public string? ActorRole { get; set; }
    public string? SessionId { get; set; }
    public string? ClientIp { get; set; }

    /// <summary>Why: the reason given for a break-glass access, or what a purge applied.</summary>
    public string? Reason { get; set; }

    /// <summary>An administrative change's value before it (short text or JSON, never a secret); null otherwise.</summary>
    public string? Before { get; set; }

    /// <summary>An administrative change's value after it; null otherwise.</summary>
    public string? After { get; set; }

    /// <summary>Position in the hash chain; set by the database when the entry is appended.</summary>
    public long ChainSequence { get; set; }

    /// <summary>The hash of the entry before this one in the chain (32 zero bytes for the first).</summary>
    public byte[]? PreviousHash { get; set; }

    /// <summary>SHA-256 over <see cref="PreviousHash"/> and this entry's content (see <see cref="AuditChain"/>).</summary>
    public byte[]? Hash { get; set; }
}

/// <summary>Where the chain starts after a retention purge removed its oldest entries: the position and hash of the
/// last entry removed. Absent until the first purge (the chain then starts at the genesis).</summary>
internal sealed class AuditChainAnchor
{
    public int Id { get; set; }
    public long ChainSequence { get; set; }
    public required byte[] Hash { get; set; }
    public long PurgedEntries { get; set; }
    public DateTimeOffset PurgedAt { get; set; }
}
