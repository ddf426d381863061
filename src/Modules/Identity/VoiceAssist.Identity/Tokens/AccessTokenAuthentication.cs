using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Sessions.IssueSocketTicket;

namespace VoiceAssist.Identity.Tokens;

/// <summary>What JwtBearer does beyond validating the token itself.</summary>
internal static class AccessTokenAuthentication
{
    public static JwtBearerEvents Events() => new()
    {
        // Browsers cannot set headers on a WebSocket handshake, so a socket is opened with a single-use ticket in its
        // query, which stands for the access token it was issued for. A token itself in a URL is never read: it would
        // end up in proxy logs and histories.
        OnMessageReceived = async context =>
        {
            if (context.HttpContext.WebSockets.IsWebSocketRequest && context.Request.Query["ticket"] is { Count: 1 } ticket)
            {
                var token = await context.HttpContext.RequestServices.GetRequiredService<SocketTickets>().Redeem(ticket.ToString()).ConfigureAwait(false);
                if (token is null)
                {
                    context.Fail("invalid_ticket");
                    return;
                }

                context.Token = token;
            }
        },

        // A token is only as good as its session: signing out, a detected refresh token replay, an administrator's
        // revocation or a page session's idle timeout ends it at once, not when it expires.
        OnTokenValidated = async context =>
        {
            var principal = context.Principal;
            if (!Guid.TryParse(principal?.FindFirst(VoiceAssistClaims.SessionId)?.Value, out var sessionId)
                || !Guid.TryParse(principal?.FindFirst(VoiceAssistClaims.Subject)?.Value, out var userId))
            {
                context.Fail("invalid_token");
                return;
            }

            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var db = context.HttpContext.RequestServices.GetRequiredService<IdentityDbContext>();
            var live = await db.LiveSessions(now).AsNoTracking()
                .AnyAsync(s => s.Id == sessionId && s.UserId == userId, context.HttpContext.RequestAborted)
                .ConfigureAwait(false);
            if (!live)
            {
                context.Fail("invalid_token");
            }
        },
    };
}
