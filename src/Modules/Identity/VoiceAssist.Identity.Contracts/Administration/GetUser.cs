using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>One account in detail, for an administrator; an unknown id is a not-found error.</summary>
public sealed record GetUser(Guid UserId) : IQuery<UserDetail>;

/// <summary>An account's state: role, status and why (disabled since, locked until, failed attempts), its ways of
/// signing in, and its live sessions. No secret is ever part of it.</summary>
public sealed record UserDetail(
    Guid Id,
    string Email,
    string DisplayName,
    string Role,
    string Status,
    bool MfaEnabled,
    int RecoveryCodesLeft,
    int Passkeys,
    IReadOnlyList<string> SingleSignOnProviders,
    bool HasPassword,
    DateTimeOffset? InvitationExpiresAt,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LockedUntil,
    int FailedSignInAttempts,
    int ActiveSessions,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt);
