namespace VoiceAssist.Identity.Passkeys;

/// <summary>A registered passkey: the authenticator's credential id and public key (COSE), and what WebAuthn asks a
/// relying party to remember about it. No secret is stored: the private key never leaves the authenticator.</summary>
internal sealed class Passkey
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required byte[] CredentialId { get; set; }

    public required byte[] PublicKey { get; set; }

    /// <summary>The user's own name for it ("Work laptop"), shown in the list.</summary>
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The authenticator's signature counter: a counter that goes backwards suggests a cloned authenticator,
    /// and that sign-in is refused. Authenticators that keep no counter always send 0.</summary>
    public long SignCount { get; set; }

    public string[]? Transports { get; set; }

    public bool IsUserVerified { get; set; }

    public bool IsBackupEligible { get; set; }

    /// <summary>Synced to another device (a platform's passkey sync), as the authenticator last reported.</summary>
    public bool IsBackedUp { get; set; }

    public required byte[] AttestationObject { get; set; }

    public required byte[] ClientDataJson { get; set; }
}

/// <summary>A challenge handed to the browser for one registration or sign-in. It lives here, not in a cookie, so that
/// taking it is a single row lock and delete: an answer is accepted once, and never after the deadline.</summary>
internal sealed class PasskeyCeremony
{
    public Guid Id { get; set; }

    /// <summary><see cref="PasskeyCeremonyPurpose.Register"/> or <see cref="PasskeyCeremonyPurpose.SignIn"/>.</summary>
    public required string Purpose { get; set; }

    /// <summary>Who is registering; null for a sign-in, where the passkey itself says who.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The challenge and options as ASP.NET Core Identity's passkey handler needs them to check the answer.</summary>
    public required string State { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal static class PasskeyCeremonyPurpose
{
    public const string Register = "register";
    public const string SignIn = "sign_in";
}
