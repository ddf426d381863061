using Microsoft.AspNetCore.Http;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SignIn;

internal enum SignInStatus
{
    Failed,
    SignedIn,
    MfaRequired,
    MfaEnrollmentRequired,
}

/// <summary>The result of a sign-in step. A failure is a result, not an exception, so the failure counter it
/// raised commits with the transaction.</summary>
internal sealed record SignInOutcome(
    SignInStatus Status, TokenPair? Tokens = null, string? MfaToken = null, IReadOnlyList<string>? RecoveryCodes = null, PageSessionTicket? Page = null)
{
    public static readonly SignInOutcome Failed = new(SignInStatus.Failed);

    /// <summary>Every failure looks the same: unknown account, wrong secret, locked account, expired token.</summary>
    public IResult ToHttpResult() => Status switch
    {
        SignInStatus.Failed => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed."),
        SignInStatus.SignedIn => Results.Ok(new SignInResponse("signed_in", Tokens, null, RecoveryCodes)),
        SignInStatus.MfaRequired => Results.Ok(new SignInResponse("mfa_required", null, MfaToken, null)),
        _ => Results.Ok(new SignInResponse("mfa_enrollment_required", null, MfaToken, null)),
    };
}

internal sealed record SignInResponse(string Status, TokenPair? Tokens, string? MfaToken, IReadOnlyList<string>? RecoveryCodes);

/// <summary>Completes a sign-in with the kind of session the caller asked for: tokens for an API client, a cookie
/// session for the clinician page.</summary>
internal sealed class SignInCompletion(SessionTokens sessions, PageSessions pages)
{
    public SignInOutcome Complete(User user, IReadOnlyList<string> methods, bool forPage, string? provider = null, string? idToken = null) =>
        forPage
            ? new SignInOutcome(SignInStatus.SignedIn, Page: pages.Start(user, methods, provider, idToken))
            : new SignInOutcome(SignInStatus.SignedIn, sessions.Start(user, methods));
}

/// <summary>What an MFA token may be used for.</summary>
internal static class MfaPurpose
{
    public const string Verify = "verify";
    public const string Enroll = "enroll";
}
