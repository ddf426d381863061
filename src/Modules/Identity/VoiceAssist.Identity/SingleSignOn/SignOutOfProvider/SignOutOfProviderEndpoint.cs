using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.SingleSignOn.SignOutOfProvider;

internal sealed record SignOutOfProviderBody(string? IdTokenHint);

/// <summary>The provider's end-session URL the client sends the browser to, after the local session ended.</summary>
internal sealed record SignOutOfProviderResponse(Uri? EndSessionUrl);

/// <summary>Logout from a provider sign-in: the local session is revoked first (its tokens stop working at once, as
/// with a password sign-in's logout), then the browser goes to the provider's end_session_endpoint (OpenID Connect
/// RP-Initiated Logout 1.0) with the id_token as hint, to end the session there too.</summary>
internal static class SignOutOfProviderEndpoint
{
    public static void Map(RouteGroupBuilder identity, string provider) =>
        identity.MapPost($"/sso/{provider}/logout", async (SignOutOfProviderBody? body, ICurrentUser caller, ISender sender, OidcProviders providers, CancellationToken ct) =>
        {
            if (providers.Find(provider) is null)
            {
                return Results.NotFound();
            }

            // A provider's own bearer token carries no local session to end.
            if (caller.UserId is not { } userId || caller.SessionId is not { } sessionId)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No local session to end.");
            }

            await sender.Send(new SignIn.SignOut.SignOut(userId, sessionId), ct);
            return Results.Ok(new SignOutOfProviderResponse(await providers.EndSessionUrl(provider, body?.IdTokenHint, ct)));
        })
            .WithName("SignOutOf_" + provider)
            .RequireAuthorization(Policies.SignedIn);
}
