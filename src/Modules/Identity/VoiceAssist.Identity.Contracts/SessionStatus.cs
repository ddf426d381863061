using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts;

/// <summary>Whether the user's sign-in session (the <c>sid</c> claim of their access token) is still in force: not
/// signed out, revoked, replayed, expired or timed out for inactivity. A module holding a long-lived connection (the
/// voice socket) asks it while the connection lasts, since the access token it opened with is checked only once.</summary>
public sealed record IsSessionActive(Guid UserId, Guid SessionId) : IQuery<bool>;
