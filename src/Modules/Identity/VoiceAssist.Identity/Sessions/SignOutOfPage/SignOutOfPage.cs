using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.SingleSignOn;

namespace VoiceAssist.Identity.Sessions.SignOutOfPage;

/// <summary>The page's logout: the cookie session is revoked, and with it every access token issued from it (they are
/// checked against the session on every request). A session that came from a provider sign-in also gets the
/// provider's end-session URL, for the browser to end the session there too.</summary>
internal sealed record SignOutOfPage(string? Cookie) : ICommand<PageSignedOut>;

internal sealed record PageSignedOut(Uri? EndSessionUrl);

internal sealed class SignOutOfPageHandler(PageSessions pages, SessionTokens sessions, OidcProviders providers) : IRequestHandler<SignOutOfPage, PageSignedOut>
{
    public async Task<PageSignedOut> Handle(SignOutOfPage request, CancellationToken cancellationToken)
    {
        if (await pages.FindActive(request.Cookie, cancellationToken) is not { } session)
        {
            return new PageSignedOut(null);
        }

        sessions.Revoke(session, RevocationReason.SignedOut, session.UserId);
        return session.Provider is { } provider
            ? new PageSignedOut(await providers.EndSessionUrl(provider, pages.IdTokenHint(session), cancellationToken))
            : new PageSignedOut(null);
    }
}

internal static class SignOutOfPageEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/session/logout", async (HttpContext http, PageSessions pages, ISender sender, CancellationToken ct) =>
            {
                var signedOut = await sender.Send(new SignOutOfPage(pages.ReadCookie(http)), ct);
                pages.DeleteCookie(http);
                // A server-rendered page (the admin console) signs out with a plain form post and lands on the sign-in.
                return http.Request.HasFormContentType
                    ? Results.Redirect(signedOut.EndSessionUrl?.ToString() ?? "/")
                    : Results.Ok(signedOut);
            })
            .WithName(nameof(SignOutOfPage))
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.RefreshPolicy);
}
