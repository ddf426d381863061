using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Sessions.AuthenticatePageSession;

/// <summary>The <see cref="Contracts.PageSessionAuthentication.Scheme"/> scheme: signs the request in from the page's
/// cookie session. A signed-out browser asking for a page is sent to the page's sign-in with the way back
/// (<c>/?next=/admin/...</c>); a script's request gets 401; a signed-in user without the role gets 403.</summary>
internal sealed class PageSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PageSessions pages,
    ISender sender)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cookie = pages.ReadCookie(Context);
        if (string.IsNullOrEmpty(cookie))
        {
            return AuthenticateResult.NoResult();
        }

        var background = Request.Headers.ContainsKey(Contracts.PageSessionAuthentication.BackgroundRequestHeader);
        var principal = await sender.Send(new AuthenticatePageSession(cookie, Active: !background), Context.RequestAborted).ConfigureAwait(false);
        return principal is null
            ? AuthenticateResult.Fail("No active page session.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (HttpMethods.IsGet(Request.Method) && !Request.Headers.ContainsKey(Contracts.PageSessionAuthentication.BackgroundRequestHeader))
        {
            var next = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect("/?next=" + Uri.EscapeDataString(next));
        }
        else
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }
}
