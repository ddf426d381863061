using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An administrator turns an account off, for a stated reason: no sign-in by any path (password, code,
/// refresh token, page session, passkey, single sign-on) until it is enabled again, and every session ends at once
/// (open voice sockets close). Refused (conflict) for the administrator's own account and for the last active
/// administrator. Disabling a disabled account changes nothing.</summary>
public sealed record DisableUser(Guid UserId, string Reason) : ICommand<Unit>;

/// <summary>An administrator turns a disabled account back on, for a stated reason. The user signs in again as before
/// (their password, authenticator and passkeys are kept while disabled).</summary>
public sealed record EnableUser(Guid UserId, string Reason) : ICommand<Unit>;
