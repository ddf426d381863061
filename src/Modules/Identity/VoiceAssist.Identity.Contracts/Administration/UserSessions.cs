using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An account's live sessions, newest first, for an administrator.</summary>
public sealed record ListUserSessions(Guid UserId) : IQuery<IReadOnlyList<UserSession>>;

/// <summary>One live session: <paramref name="Kind"/> is <c>page</c> for a browser's cookie session or <c>token</c> for
/// an API client's refresh token family; <paramref name="Provider"/> is the single sign-on provider, if any.</summary>
public sealed record UserSession(
    Guid Id, string Kind, string AuthenticationMethods, DateTimeOffset CreatedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset? LastActivityAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? IdleExpiresAt, string? UserAgent, string? IpAddress, string? Provider);

/// <summary>An administrator ends one session of an account; its tokens stop working at once and its voice sockets
/// close. A session of another account is not found.</summary>
public sealed record EndUserSession(Guid UserId, Guid SessionId, string? Reason = null) : ICommand<Unit>;

/// <summary>An administrator ends every session of an account at once (a stolen device, a departing employee).</summary>
public sealed record EndAllUserSessions(Guid UserId, string? Reason = null) : ICommand<EndedSessions>;

/// <summary>How many live sessions were ended.</summary>
public sealed record EndedSessions(int Revoked);
