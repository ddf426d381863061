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

/// <summary>Whether the page is signed in now; on <c>mfa_required</c> it asks for the code and sends the form again.</summary>
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
                if (!await throttle.TryAcquire(UserQueries.NormalizeEmail(body.Email ?? "")))
                {
                    return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts. Try again later.");
                }

                var outcome = await sender.Send(new SignInWithPassword(body.Email ?? "", body.Password ?? "") { ForPage = true }, ct);
                if (outcome.Status == SignInStatus.MfaRequired)
                {
                    if (string.IsNullOrWhiteSpace(body.Code) && string.IsNullOrWhiteSpace(body.RecoveryCode))
                    {
                        return Results.Ok(new PageSignInResponse("mfa_required"));
                    }

                    outcome = await sender.Send(new CompleteMfaSignIn(outcome.MfaToken!, body.Code, body.RecoveryCode) { ForPage = true }, ct);
                }

                switch (outcome)
                {
                    case { Status: SignInStatus.SignedIn, Page: { } ticket }:
                        pages.WriteCookie(http, ticket);
                        return Results.Ok(new PageSignInResponse("signed_in"));
                    case { Status: SignInStatus.MfaEnrollmentRequired }:
                        // Enrolling an authenticator is done through the token API's enrollment steps, not on this page.
                        return Results.Ok(new PageSignInResponse("mfa_enrollment_required"));
                    default:
                        return SignInOutcome.Failed.ToHttpResult();
                }
            })
            .WithName(nameof(SignInToPageEndpoint))
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
}
