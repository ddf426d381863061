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
}
