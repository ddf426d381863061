using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Sessions.RevokeUserSessions;

/// <summary>An administrator ends every session of an account at once (a stolen device, a departing employee).</summary>
internal sealed record RevokeUserSessions(Guid UserId, Guid ActorId) : ICommand<RevokedSessions>;

internal sealed record RevokedSessions(int Revoked);

internal sealed class RevokeUserSessionsHandler(IdentityDbContext db, SessionTokens sessions) : IRequestHandler<RevokeUserSessions, RevokedSessions>
{
    public async Task<RevokedSessions> Handle(RevokeUserSessions request, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            throw new NotFoundException("User", request.UserId);
        }

        return new RevokedSessions(await sessions.RevokeAll(request.UserId, RevocationReason.RevokedByAdmin, request.ActorId, except: null, cancellationToken));
    }
}

internal static class RevokeUserSessionsEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapDelete("/users/{id:guid}/sessions", async (Guid id, ICurrentUser caller, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RevokeUserSessions(id, caller.UserId!.Value), ct)))
            .WithName(nameof(RevokeUserSessions))
            .RequireAuthorization(IdentityPolicies.AccountAdministrator);
}
