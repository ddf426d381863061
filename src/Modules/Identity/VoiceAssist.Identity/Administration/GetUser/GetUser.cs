using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.GetUser;

internal sealed class GetUserHandler(IdentityDbContext db, AccountAdministration administration, TimeProvider time)
    : IRequestHandler<Contracts.Administration.GetUser, UserDetail>
{
    public async Task<UserDetail> Handle(Contracts.Administration.GetUser request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var now = time.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw new NotFoundException("User", request.UserId);
        var invitationExpiresAt = await db.Invitations.AsNoTracking()
            .Where(i => i.UserId == user.Id && i.AcceptedAt == null)
            .OrderByDescending(i => i.ExpiresAt)
            .Select(i => (DateTimeOffset?)i.ExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);
        var locked = user.LockoutEnabled && user.LockoutEnd > now;
        return new UserDetail(
            user.Id,
            user.Email!,
            user.DisplayName,
            user.Role,
            AccountStatus.Of(user.DisabledAt is not null, locked, user.PasswordHash is null && invitationExpiresAt is not null),
            user.TwoFactorEnabled,
            await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken),
            await db.Passkeys.CountAsync(p => p.UserId == user.Id, cancellationToken),
            await db.ExternalLogins.Where(l => l.UserId == user.Id).OrderBy(l => l.Provider).Select(l => l.Provider).ToListAsync(cancellationToken),
            user.PasswordHash is not null,
            user.PasswordHash is null ? invitationExpiresAt : null,
            user.DisabledAt,
            locked ? user.LockoutEnd : null,
            user.AccessFailedCount,
            await db.Sessions.Where(Session.ActiveAt(now)).CountAsync(s => s.UserId == user.Id, cancellationToken),
            user.LastSignInAt,
            user.CreatedAt);
    }
}
