using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Sessions.RevokeSession;

/// <summary>A user ends one of their own sessions (a lost phone, a shared workstation). Another user's session is 404:
/// its existence is not the caller's business.</summary>
internal sealed record RevokeSession(Guid UserId, Guid SessionId) : ICommand<Unit>;

internal sealed class RevokeSessionHandler(IdentityDbContext db, SessionTokens sessions) : IRequestHandler<RevokeSession, Unit>
{
    public async Task<Unit> Handle(RevokeSession request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FindAsync([request.SessionId], cancellationToken);
        if (session is null || session.UserId != request.UserId)
        {
            throw new NotFoundException("Session", request.SessionId);
        }

        sessions.Revoke(session, RevocationReason.RevokedByUser, request.UserId);
        return Unit.Value;
    }
}

internal static class RevokeSessionEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapDelete("/me/sessions/{id:guid}", async (Guid id, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeSession(caller.UserId!.Value, id), ct);
                return Results.NoContent();
            })
            .WithName(nameof(RevokeSession))
            .RequireAuthorization(Policies.SignedIn);
}
