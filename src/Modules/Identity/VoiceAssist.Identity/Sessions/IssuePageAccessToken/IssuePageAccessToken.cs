using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Sessions.IssuePageAccessToken;

/// <summary>A fresh access token from the page's cookie session. <see cref="Active"/> says the user did something on
/// the page since the last call (typed, clicked, spoke), which slides the idle deadline; the page's own timed
/// refreshes pass false, so an unattended page still times out.</summary>
internal sealed record IssuePageAccessToken(string? Cookie, bool Active) : ICommand<PageAccess?>;

internal sealed class IssuePageAccessTokenHandler(PageSessions pages, TimeProvider time) : IRequestHandler<IssuePageAccessToken, PageAccess?>
{
    public async Task<PageAccess?> Handle(IssuePageAccessToken request, CancellationToken cancellationToken) =>
        await pages.Resume(request.Cookie, request.Active, cancellationToken) is var (session, user)
            ? pages.Issue(user, session, time.GetUtcNow())
            : null;
}

internal sealed record PageAccessBody(bool Active);

internal static class IssuePageAccessTokenEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/session/access-token", async (PageAccessBody? body, HttpContext http, PageSessions pages, ISender sender, CancellationToken ct) =>
            {
                if (await sender.Send(new IssuePageAccessToken(pages.ReadCookie(http), body?.Active ?? false), ct) is { } access)
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return Results.Ok(access);
                }

                pages.DeleteCookie(http);
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "No active session. Sign in again.");
            })
            .WithName(nameof(IssuePageAccessToken))
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.RefreshPolicy);
}
