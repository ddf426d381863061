namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>Links an account to its subject at an OpenID Connect provider. The key is the provider and its subject,
/// never an email address: an address can be reassigned at the provider, a subject cannot.</summary>
internal sealed class ExternalLogin
{
    public required string Provider { get; init; }

    public required string Subject { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSignInAt { get; set; }
}
