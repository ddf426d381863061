using System.Security.Claims;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;

namespace VoiceAssist.Identity.Sessions.AuthenticatePageSession;

/// <summary>Who the page's cookie session belongs to, for a server-rendered page. <see cref="Active"/> says the request
/// is the user's own doing (a navigation or a form post), which slides the idle deadline; a background refresh does
/// not. Null when the cookie names no live session or the account may not sign in.</summary>
internal sealed record AuthenticatePageSession(string? Cookie, bool Active) : ICommand<ClaimsPrincipal?>;

internal sealed class AuthenticatePageSessionHandler(PageSessions pages) : IRequestHandler<AuthenticatePageSession, ClaimsPrincipal?>
{
    public async Task<ClaimsPrincipal?> Handle(AuthenticatePageSession request, CancellationToken cancellationToken)
    {
        if (await pages.Resume(request.Cookie, request.Active, cancellationToken) is not var (session, user))
        {
            return null;
        }

        List<Claim> claims =
        [
            new(VoiceAssistClaims.Subject, user.Id.ToString()),
            new(VoiceAssistClaims.SessionId, session.Id.ToString()),
            new(VoiceAssistClaims.Role, user.Role),
            new(VoiceAssistClaims.Name, user.DisplayName),
            .. session.AuthenticationMethods.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => new Claim(VoiceAssistClaims.AuthenticationMethods, m)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Contracts.PageSessionAuthentication.Scheme, VoiceAssistClaims.Subject, VoiceAssistClaims.Role));
    }
}
