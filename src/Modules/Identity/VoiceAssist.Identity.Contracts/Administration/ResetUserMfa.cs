using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An administrator removes an account's second factors (a lost phone, a broken security key), for a
/// required reason: the authenticator app, the recovery codes and the passkeys. The account's sessions end; at the
/// next sign-in with the password, a role that needs MFA enrolls a new authenticator before anything else.</summary>
public sealed record ResetUserMfa(Guid UserId, string Reason) : ICommand<MfaReset>;

/// <summary>What the reset removed.</summary>
public sealed record MfaReset(bool AuthenticatorRemoved, int RecoveryCodesRemoved, int PasskeysRemoved, int SessionsEnded);
