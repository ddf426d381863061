using Microsoft.AspNetCore.Identity;

namespace VoiceAssist.Identity.Users;

/// <summary>An account: ASP.NET Core Identity's user (password hash, security stamp, lockout counters) plus the
/// VoiceAssist role and the TOTP authenticator.</summary>
internal sealed class User : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public required string Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an administrator disabled the account; null while it may sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When a session last began, by any sign-in path.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Base32 TOTP secret of the confirmed authenticator; null until MFA is enabled.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>Secret of an authenticator being enrolled, until the user proves it with a code.</summary>
    public string? PendingTotpSecret { get; set; }

    /// <summary>The last accepted TOTP time step: a code is good once (RFC 6238 section 5.2).</summary>
    public long? TotpLastTimeStep { get; set; }
}

/// <summary>A one-time link an administrator hands to a new user to set their first password.</summary>
internal sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
