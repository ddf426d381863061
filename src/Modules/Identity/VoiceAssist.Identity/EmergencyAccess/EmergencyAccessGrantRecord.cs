namespace VoiceAssist.Identity.EmergencyAccess;

/// <summary>One break-glass grant: who opened which object of whom, why, and until when.</summary>
internal sealed class EmergencyAccessGrantRecord
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string ResourceType { get; set; }
    public Guid ResourceId { get; set; }
    public required string OwnerId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
