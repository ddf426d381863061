using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Mfa.EnrollAtSignIn;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions.SignInToPage;
using VoiceAssist.Identity.SignIn;

namespace VoiceAssist.Identity.Sessions.EnrollAtPageSignIn;

/// <summary>The page's enrollment step: the email and password again (the page keeps them in memory between steps).</summary>
internal sealed record PageEnrollmentBody(string? Email, string? Password);

/// <summary>The enrollment step's confirmation: the email and password again, and the first code from the new authenticator.</summary>
internal sealed record PageEnrollmentConfirmBody(string? Email, string? Password, string? Code);

/// <summary>What the page shows while the account enrolls: the QR code and the shared key to type in by hand.</summary>
internal sealed record PageEnrollmentResponse(string Status, AuthenticatorSetup Authenticator);

/// <summary>Signed in with a new authenticator: the recovery codes, shown once.</summary>
internal sealed record PageEnrolledResponse(string Status, IReadOnlyList<string> RecoveryCodes);

/// <summary>An account that must use MFA and has none enrolls an authenticator while signing in to the page. Each step
/// sends the email and password again through <see cref="SignIn.SignInWithPassword.SignInWithPassword"/>, so the page
/// never holds the MFA token the token API would hand out, and every step passes the same per-account throttle,
/// per-address rate limit, password check, lockout and security events as any other sign-in. The secret begun in the
/// first step stays pending until a code proves it (a wrong code changes nothing, so the page keeps its QR code); the
/// confirmation starts the same cookie session as a normal page sign-in, with methods <c>pwd otp</c>.</summary>
internal static class EnrollAtPageSignInEndpoints
{
    public static void Map(RouteGroupBuilder identity)
    {
        identity.MapPost("/session/mfa/enrollment", async (PageEnrollmentBody body, HttpContext http, AccountSignInThrottle throttle, ISender sender, PageSessions pages, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                if (await PageSignIn.CheckPassword(body.Email, body.Password, http, throttle, sender, ct) is not { } outcome)
                {
                    return PageSignIn.TooManyAttempts;
                }

                if (outcome.Status != SignInStatus.MfaEnrollmentRequired)
                {
                    return PageSignIn.Answer(outcome, http, pages);
                }

                return await sender.Send(new BeginEnrollmentAtSignIn(outcome.MfaToken!), ct) is { } setup
                    ? Results.Ok(new PageEnrollmentResponse("mfa_enrollment_required", setup))
                    : SignInOutcome.Failed.ToHttpResult();
            })
            .WithName("BeginEnrollmentAtPageSignIn")
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);

        identity.MapPost("/session/mfa/enrollment/confirm", async (PageEnrollmentConfirmBody body, HttpContext http, AccountSignInThrottle throttle, ISender sender, PageSessions pages, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                if (await PageSignIn.CheckPassword(body.Email, body.Password, http, throttle, sender, ct) is not { } outcome)
                {
                    return PageSignIn.TooManyAttempts;
                }

                if (outcome.Status != SignInStatus.MfaEnrollmentRequired)
                {
                    return PageSignIn.Answer(outcome, http, pages);
                }

                var enrolled = await sender.Send(new ConfirmEnrollmentAtSignIn(outcome.MfaToken!, body.Code ?? "") { ForPage = true }, ct);
                if (enrolled is not { Status: SignInStatus.SignedIn, Page: { } ticket, RecoveryCodes: { } recoveryCodes })
                {
                    // The password was right a moment ago, so only the code (or a pending secret that is gone) can be wrong.
                    return Results.ValidationProblem(
                        new Dictionary<string, string[]> { ["code"] = ["The code does not match the authenticator being set up. Enter the newest code the app shows."] },
                        title: "The code does not match.");
                }

                pages.WriteCookie(http, ticket);
                return Results.Ok(new PageEnrolledResponse("signed_in", recoveryCodes));
            })
            .WithName("ConfirmEnrollmentAtPageSignIn")
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
    }
}
