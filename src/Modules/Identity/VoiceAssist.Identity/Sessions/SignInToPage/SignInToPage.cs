using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.SignIn.CompleteMfaSignIn;
using VoiceAssist.Identity.SignIn.SignInWithPassword;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Sessions.SignInToPage;

/// <summary>The page's sign-in form: email, password and, when the account has MFA, a TOTP or recovery code.</summary>
internal sealed record PageSignInBody(string? Email, string? Password, string? Code, string? RecoveryCode);

/// <summary>Whether the page is signed in now; on <c>mfa_required</c> it asks for the code and sends the form again, on
/// <c>mfa_enrollment_required</c> it runs the enrollment steps (<see cref="EnrollAtPageSignIn.EnrollAtPageSignInEndpoints"/>).</summary>
internal sealed record PageSignInResponse(string Status);

/// <summary>The clinician page signs in here and gets a cookie session, not tokens. It runs the same commands as the
/// token API (<see cref="SignInWithPassword"/>, then <see cref="CompleteMfaSignIn"/>), so the password and code checks,
/// the shared failure counter and lockout, the per-address and per-account rate limits and the security events are
/// the same on both paths. The MFA token between the two steps never leaves the server.</summary>
internal static class SignInToPageEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/session", async (PageSignInBody body, HttpContext http, AccountSignInThrottle throttle, ISender sender, PageSessions pages, CancellationToken ct) =>
            {
                if (await PageSignIn.CheckPassword(body.Email, body.Password, http, throttle, sender, ct) is not { } outcome)
                {
                    return PageSignIn.TooManyAttempts;
                }

                if (outcome.Status == SignInStatus.MfaRequired && !(string.IsNullOrWhiteSpace(body.Code) && string.IsNullOrWhiteSpace(body.RecoveryCode)))
                {
                    outcome = await sender.Send(new CompleteMfaSignIn(outcome.MfaToken!, body.Code, body.RecoveryCode) { ForPage = true }, ct);
                }

                return PageSignIn.Answer(outcome, http, pages);
            })
            .WithName(nameof(SignInToPageEndpoint))
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
}

/// <summary>What every page sign-in step shares: the password step through <see cref="SignInWithPassword"/> behind the
/// per-account throttle, and an answer that carries no MFA token.</summary>
internal static class PageSignIn
{
    public static IResult TooManyAttempts { get; } =
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts. Try again later.");

    /// <summary>The password step's outcome, or null when the account has had too many attempts this minute (the
    /// response then carries <c>Retry-After</c>).</summary>
    public static async Task<SignInOutcome?> CheckPassword(string? email, string? password, HttpContext http, AccountSignInThrottle throttle, ISender sender, CancellationToken ct) =>
        await throttle.TryAcquire(UserQueries.NormalizeEmail(email ?? ""), http.Response)
            ? await sender.Send(new SignInWithPassword(email ?? "", password ?? "") { ForPage = true }, ct)
            : null;

    /// <summary>Signed in (the cookie set), a step still to do, or the one bare failure. The MFA token an outcome may hold
    /// stays on the server: the page repeats the password with each later step instead.</summary>
    public static IResult Answer(SignInOutcome outcome, HttpContext http, PageSessions pages)
    {
        switch (outcome)
        {
            case { Status: SignInStatus.SignedIn, Page: { } ticket }:
                pages.WriteCookie(http, ticket);
                return Results.Ok(new PageSignInResponse("signed_in"));
            case { Status: SignInStatus.MfaRequired }:
                return Results.Ok(new PageSignInResponse("mfa_required"));
            case { Status: SignInStatus.MfaEnrollmentRequired }:
                return Results.Ok(new PageSignInResponse("mfa_enrollment_required"));
            default:
                return SignInOutcome.Failed.ToHttpResult();
        }
    }
}
