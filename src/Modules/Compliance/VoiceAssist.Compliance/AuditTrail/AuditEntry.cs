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

    /// <summary>Position in the hash chain; set by the database when the entry is appended.</summary>
    public long ChainSequence { get; set; }

    /// <summary>The hash of the entry before this one in the chain (32 zero bytes for the first).</summary>
    public byte[]? PreviousHash { get; set; }

    /// <summary>SHA-256 over <see cref="PreviousHash"/> and this entry's content (see <see cref="AuditChain"/>).</summary>
    public byte[]? Hash { get; set; }
}
