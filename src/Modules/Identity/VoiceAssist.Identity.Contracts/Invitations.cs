using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts;

/// <summary>The account an invitation token is for, while the invitation can still be accepted; null otherwise (unknown,
/// used or expired: the three look alike).</summary>
public sealed record DescribeInvitation(string Token) : IQuery<PendingInvitation?>;

/// <summary>An invitation waiting to be accepted. <paramref name="MfaRequired"/> says the first sign-in will ask the user
/// to set up an authenticator app before anything else.</summary>
public sealed record PendingInvitation(string Email, string DisplayName, bool MfaRequired, DateTimeOffset ExpiresAt);

/// <summary>A new user sets their first password with the invitation token an administrator gave them. The token is
/// good once; a password that breaks the rules is a field error on <c>Password</c>; an unknown, used or expired token
/// is not found.</summary>
public sealed record AcceptInvitation(string Token, string Password) : ICommand<InvitationAccepted>;

/// <summary>The account is ready to sign in with the password just set.</summary>
public sealed record InvitationAccepted(string Email, bool MfaRequired);
