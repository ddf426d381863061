using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.ListUserSessions;

internal sealed class ListUserSessionsHandler(IdentityDbContext db, AccountAdministration administration, TimeProvider time)
    : IRequestHandler<Contracts.Administration.ListUserSessions, IReadOnlyList<UserSession>>
{
    public async Task<IReadOnlyList<UserSession>> Handle(Contracts.Administration.ListUserSessions request, CancellationToken cancellationToken)
    {
        administration.Actor();
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            throw new NotFoundException("User", request.UserId);
        }

        return await db.Sessions.AsNoTracking()
            .Where(Session.ActiveAt(time.GetUtcNow()))
            .Where(s => s.UserId == request.UserId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new UserSession(
                s.Id, s.Kind, s.AuthenticationMethods, s.CreatedAt, s.LastRefreshedAt, s.LastActivityAt, s.ExpiresAt, s.IdleExpiresAt, s.UserAgent, s.IpAddress, s.Provider))
            .ToListAsync(cancellationToken);
    }
}
