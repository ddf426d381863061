using System.Text.Json.Serialization;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Mfa.EnrollAtSignIn;

/// <summary>An account that must use MFA and has none enrolls an authenticator during sign-in, holding the MFA token
/// its password step returned. It gets no access token until the authenticator is confirmed.</summary>
internal sealed record BeginEnrollmentAtSignIn(string MfaToken) : ICommand<AuthenticatorSetup?>;

internal sealed record ConfirmEnrollmentAtSignIn(string MfaToken, string Code) : ICommand<SignInOutcome>
{
    /// <summary>Start a page (cookie) session rather than issue tokens. Set by the page's enrollment endpoint only,
    /// never read from a request body.</summary>
    [JsonIgnore]
    public bool ForPage { get; init; }
}

internal sealed class BeginEnrollmentAtSignInHandler(IdentityDbContext db, AccessTokens tokens, TotpEnrollment enrollment)
    : IRequestHandler<BeginEnrollmentAtSignIn, AuthenticatorSetup?>
{
    public async Task<AuthenticatorSetup?> Handle(BeginEnrollmentAtSignIn request, CancellationToken cancellationToken) =>
        await PendingEnrollment.User(db, tokens, request.MfaToken, cancellationToken) is { } user ? enrollment.Begin(user) : null;
}

internal sealed class ConfirmEnrollmentAtSignInHandler(IdentityDbContext db, AccessTokens tokens, TotpEnrollment enrollment, SignInCompletion completion)
    : IRequestHandler<ConfirmEnrollmentAtSignIn, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(ConfirmEnrollmentAtSignIn request, CancellationToken cancellationToken)
    {
        if (await PendingEnrollment.User(db, tokens, request.MfaToken, cancellationToken) is not { } user
            || await enrollment.Confirm(user, request.Code, cancellationToken) is not { } recoveryCodes)
        {
            return SignInOutcome.Failed;
        }

        return completion.Complete(user, [AuthenticationMethod.Password, AuthenticationMethod.Totp], request.ForPage) with { RecoveryCodes = recoveryCodes };
    }
}

internal static class PendingEnrollment
{
    public static async Task<User?> User(IdentityDbContext db, AccessTokens tokens, string mfaToken, CancellationToken cancellationToken) =>
        await tokens.ValidateMfaToken(mfaToken, MfaPurpose.Enroll) is { } pending
        && await db.ForUpdate(pending.UserId, cancellationToken) is { TwoFactorEnabled: false } user
        && Secrets.FixedTimeEquals(pending.Stamp, Secrets.Hash(user.SecurityStamp ?? ""))
            ? user
            : null;
}
