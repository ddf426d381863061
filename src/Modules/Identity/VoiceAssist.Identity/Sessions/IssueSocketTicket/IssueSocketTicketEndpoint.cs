using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using StackExchange.Redis;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.Sessions.IssueSocketTicket;

internal sealed record SocketTicketResponse(string Ticket, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/identity/socket-tickets</c>: a signed-in caller (with its bearer token) asks for a ticket and
/// opens its socket with <c>?ticket=</c> within the ticket's lifetime (docs/voice-protocol.md).</summary>
internal static class IssueSocketTicketEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/socket-tickets", async (HttpContext http, SocketTickets tickets) =>
            {
                var authorization = http.Request.Headers.Authorization.ToString();
                if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A socket ticket is issued for a bearer token.");
                }

                try
                {
                    var (ticket, expiresAt) = await tickets.Issue(authorization["Bearer ".Length..].Trim()).ConfigureAwait(false);
                    http.Response.Headers[HeaderNames.CacheControl] = "no-store";
                    return Results.Ok(new SocketTicketResponse(ticket, expiresAt));
                }
                catch (RedisException)
                {
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Socket tickets are unavailable. Try again shortly.");
                }
            })
            .WithName("IssueSocketTicket")
            .RequireAuthorization(Policies.SignedIn)
            .Produces<SocketTicketResponse>();
}
