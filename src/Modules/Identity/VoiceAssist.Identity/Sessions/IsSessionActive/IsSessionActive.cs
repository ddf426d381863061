using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Sessions.IsSessionActive;

internal sealed class IsSessionActiveHandler(IdentityDbContext db, TimeProvider time) : IRequestHandler<Contracts.IsSessionActive, bool>
{
    public Task<bool> Handle(Contracts.IsSessionActive request, CancellationToken cancellationToken) =>
        db.LiveSessions(time.GetUtcNow()).AsNoTracking()
            .AnyAsync(s => s.Id == request.SessionId && s.UserId == request.UserId, cancellationToken);
}
