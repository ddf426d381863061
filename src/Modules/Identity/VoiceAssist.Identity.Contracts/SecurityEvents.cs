using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts;

// Security events for the audit trail. They carry ids and outcomes only: no email, name, password, code or token,
// so the audit trail can keep them without holding personal data it does not need.

/// <summary>Where the request behind a security event came from: the client address and the request's correlation id,
/// so the audit trail can say where an attack came from. Filled in by the Identity module when the event is queued.</summary>
public abstract record SecurityEvent
{
    public string? ClientIp { get; init; }

    public string? CorrelationId { get; init; }
}

/// <summary>How a sign-in or re-authentication was attempted.</summary>
public static class AuthenticationMethod
{
    public const string Password = "pwd";
    public const string Totp = "otp";
    public const string RecoveryCode = "rec";
    public const string RefreshToken = "refresh";

    /// <summary>A passkey (WebAuthn credential): proof of possession of a key held by an authenticator (RFC 8176 "hwk").</summary>
    public const string Passkey = "hwk";

    /// <summary>More than one factor in one step (RFC 8176 "mfa"): a passkey used with user verification, which is the
    /// authenticator's PIN or biometric check on top of holding the device.</summary>
    public const string MultipleFactors = "mfa";

    /// <summary>Signed in at an OpenID Connect provider: <c>ext:&lt;provider name&gt;</c>.</summary>
    public static string External(string provider) => "ext:" + provider;
}

/// <summary>Why an attempt failed.</summary>
public static class FailureReason
{
    public const string UnknownAccount = "unknown_account";
    public const string WrongSecret = "wrong_secret";
    public const string LockedOut = "locked_out";
    public const string NoPassword = "no_password";

    /// <summary>The provider vouched for the user, but none of their groups maps to a role and there is no default.</summary>
    public const string NoMappedRole = "no_mapped_role";

    /// <summary>The provider's user has the address of an account not linked to that provider.</summary>
    public const string AccountNotLinked = "account_not_linked";

    /// <summary>A passkey answer came for a challenge that was never issued, already used or expired.</summary>
    public const string InvalidChallenge = "invalid_challenge";

    /// <summary>A passkey answer failed verification: signature, origin, relying party, user verification or counter.</summary>
    public const string PasskeyRejected = "passkey_rejected";

    /// <summary>An administrator disabled the account.</summary>
    public const string AccountDisabled = "account_disabled";
}

/// <summary>A user signed in and a session began.</summary>
public sealed record UserSignedIn(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid SessionId, IReadOnlyList<string> Methods) : SecurityEvent, IIntegrationEvent;

/// <summary>A sign-in or re-authentication step failed. <see cref="UserId"/> is null when no account matched.</summary>
public sealed record SignInFailed(Guid EventId, DateTimeOffset OccurredAt, Guid? UserId, string Method, string Reason, int FailedAttempts) : SecurityEvent, IIntegrationEvent;

/// <summary>An account was locked after repeated failures, until <see cref="LockedUntil"/>.</summary>
public sealed record UserLockedOut(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, DateTimeOffset LockedUntil, int FailedAttempts) : SecurityEvent, IIntegrationEvent;

/// <summary>A user confirmed a TOTP authenticator (first enrollment or replacement).</summary>
public sealed record MfaEnabled(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user turned MFA off.</summary>
public sealed record MfaDisabled(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A new set of recovery codes replaced the old one.</summary>
public sealed record RecoveryCodesRegenerated(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A recovery code was spent to sign in.</summary>
public sealed record RecoveryCodeUsed(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, int CodesLeft) : SecurityEvent, IIntegrationEvent;

/// <summary>An administrator changed an account's role; with an empty <see cref="ActorId"/>, the account's groups at its OpenID Connect provider did, at sign-in.</summary>
public sealed record UserRoleChanged(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string OldRole, string NewRole, Guid ActorId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user set their password (accepting an invitation or bootstrap).</summary>
public sealed record PasswordSet(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user changed their email address (the address itself is not carried).</summary>
public sealed record EmailChanged(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A refresh token that had already been exchanged was presented again: its whole session was revoked.</summary>
public sealed record RefreshTokenReuseDetected(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid SessionId) : SecurityEvent, IIntegrationEvent;

/// <summary>Session revocation reasons.</summary>
public static class RevocationReason
{
    public const string SignedOut = "signed_out";
    public const string RevokedByUser = "revoked_by_user";
    public const string RevokedByAdmin = "revoked_by_admin";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string RoleChanged = "role_changed";
    public const string CredentialsChanged = "credentials_changed";

    /// <summary>An administrator disabled the account.</summary>
    public const string AccountDisabled = "account_disabled";

    /// <summary>An administrator deleted the account.</summary>
    public const string AccountDeleted = "account_deleted";

    /// <summary>A page session saw no activity for its idle timeout (automatic logoff).</summary>
    public const string IdleTimeout = "idle_timeout";

    /// <summary>A page session reached its absolute lifetime, however active.</summary>
    public const string AbsoluteTimeout = "absolute_timeout";
}

/// <summary>A session ended before its expiry, or a page session timed out (<see cref="RevocationReason.IdleTimeout"/>,
/// <see cref="RevocationReason.AbsoluteTimeout"/>); <see cref="ActorId"/> is who ended it (the user, an admin, or null
/// for the system).</summary>
public sealed record SessionRevoked(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid SessionId, string Reason, Guid? ActorId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user changed their password (the current one proven first).</summary>
public sealed record PasswordChanged(Guid EventId, DateTimeOffset OccurredAt, Guid UserId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user registered a passkey (after re-authenticating); <see cref="PasskeyId"/> is its id here, not the
/// authenticator's credential id.</summary>
public sealed record PasskeyAdded(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid PasskeyId) : SecurityEvent, IIntegrationEvent;

/// <summary>A user removed one of their passkeys.</summary>
public sealed record PasskeyRemoved(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid PasskeyId) : SecurityEvent, IIntegrationEvent;

/// <summary>A signed-in caller was refused by a role policy (403): who, with which role and session, what they asked
/// for (method and path, never the query) and which policies refused them.</summary>
public sealed record AccessDenied(
    Guid EventId, DateTimeOffset OccurredAt, Guid? UserId, Guid? SessionId, string? Role, string Method, string Path, string Policies)
    : SecurityEvent, IIntegrationEvent;
