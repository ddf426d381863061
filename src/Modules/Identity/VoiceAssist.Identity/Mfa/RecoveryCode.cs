namespace VoiceAssist.Identity.Mfa;

/// <summary>A single-use MFA recovery code, stored as its SHA-256 hash (codes carry 120 random bits).</summary>
internal sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
