using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.EndAllUserSessions;

internal sealed class EndAllUserSessionsValidator : AbstractValidator<Contracts.Administration.EndAllUserSessions>
{
    public EndAllUserSessionsValidator() => RuleFor(r => r.Reason).OptionalReason();
}

/// <summary>Ends every live session of the account (<see cref="SessionTokens.RevokeAll"/>): from the console, and from
/// the API's <c>DELETE /api/identity/users/{id}/sessions</c>.</summary>
internal sealed class EndAllUserSessionsHandler(IdentityDbContext db, AccountAdministration administration, SessionTokens sessions)
    : IRequestHandler<Contracts.Administration.EndAllUserSessions, EndedSessions>
{
    public async Task<EndedSessions> Handle(Contracts.Administration.EndAllUserSessions request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            throw new NotFoundException("User", request.UserId);
        }

        var ended = await sessions.RevokeAll(request.UserId, RevocationReason.RevokedByAdmin, actor, except: null, cancellationToken);
        if (ended > 0)
        {
            administration.Record(AccountActions.SessionsEnded, request.UserId, request.Reason, new { activeSessions = ended }, new { activeSessions = 0 });
        }

        return new EndedSessions(ended);
    }
}

internal static class EndAllUserSessionsEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapDelete("/users/{id:guid}/sessions", async (Guid id, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new Contracts.Administration.EndAllUserSessions(id), ct)))
            .WithName("RevokeUserSessions")
            .RequireAuthorization(IdentityPolicies.AccountAdministrator);
}
