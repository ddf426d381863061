using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Mfa.EnrollAtSignIn;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;

namespace VoiceAssist.Identity.SignIn;

internal sealed record MfaEnrollmentBody(string MfaToken);

internal sealed record MfaEnrollmentConfirmBody(string MfaToken, string Code);

/// <summary>The sign-in API: the only anonymous endpoints of the module, all rate limited.</summary>
internal static class SignInEndpoints
{
    public static void Map(RouteGroupBuilder identity)
    {
        SignInWithPassword.SignInWithPasswordEndpoint.Map(identity);
        CompleteMfaSignIn.CompleteMfaSignInEndpoint.Map(identity);
        RefreshSession.RefreshSessionEndpoint.Map(identity);



        identity.MapPost("/token/mfa/enrollment", async (MfaEnrollmentBody body, ISender sender, CancellationToken ct) =>
            await sender.Send(new BeginEnrollmentAtSignIn(body.MfaToken), ct) is { } setup
                ? Results.Ok(setup)
                : SignInOutcome.Failed.ToHttpResult())
            .WithName(nameof(BeginEnrollmentAtSignIn))
            .AllowAnonymous()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);

        identity.MapPost("/token/mfa/enrollment/confirm", async (MfaEnrollmentConfirmBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ConfirmEnrollmentAtSignIn(body.MfaToken, body.Code), ct)).ToHttpResult())
            .WithName(nameof(ConfirmEnrollmentAtSignIn))
            .AllowAnonymous()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);


        identity.MapPost("/logout", async (ICurrentUser caller, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SignOut.SignOut(caller.UserId!.Value, caller.SessionId!.Value), ct);
            return Results.NoContent();
        })
            .WithName(nameof(SignOut))
            .RequireAuthorization(Policies.SignedIn);

        // The public half of the signing key, for services that validate access tokens themselves.
        identity.MapGet("/.well-known/jwks.json", (SigningKeys keys) => Results.Json(new
        {
            keys = new[]
            {
                new { kty = keys.PublicJwk.Kty, use = keys.PublicJwk.Use, alg = keys.PublicJwk.Alg, kid = keys.PublicJwk.Kid, n = keys.PublicJwk.N, e = keys.PublicJwk.E },
            },
        }))
            .WithName("GetSigningKeys")
            .AllowAnonymous();
    }
}
