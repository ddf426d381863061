using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An administrator creates an account with a role and no password. The answer carries the one-time
/// invitation token (stored only as its hash, so it can never be shown again) that the new user opens to set their
/// password. An email address already in use is a field error on <c>email</c>.</summary>
public sealed record InviteUser(string Email, string DisplayName, string Role) : ICommand<InvitedUser>;

/// <summary>The new account and its invitation token, valid once until <paramref name="InvitationExpiresAt"/>.</summary>
public sealed record InvitedUser(Guid UserId, string Email, string DisplayName, string Role, string InvitationToken, DateTimeOffset InvitationExpiresAt);
