using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.EndUserSession;

internal sealed class EndUserSessionValidator : AbstractValidator<Contracts.Administration.EndUserSession>
{
    public EndUserSessionValidator() => RuleFor(r => r.Reason).OptionalReason();
}

/// <summary>Ends one session of the account as <see cref="SessionTokens.Revoke"/> does for the user's own
/// (<see cref="SessionRevoked"/>, so its tokens fail and its voice sockets close). A session already over changes nothing.</summary>
internal sealed class EndUserSessionHandler(IdentityDbContext db, AccountAdministration administration, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<Contracts.Administration.EndUserSession, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.EndUserSession request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        var session = await db.Sessions.FindAsync([request.SessionId], cancellationToken);
        if (session is null || session.UserId != request.UserId)
        {
            throw new NotFoundException("Session", request.SessionId);
        }

        if (!session.IsActiveAt(time.GetUtcNow()))
        {
            return Unit.Value;
        }

        sessions.Revoke(session, RevocationReason.RevokedByAdmin, actor);
        administration.Record(AccountActions.SessionEnded, request.UserId, request.Reason, new { session = session.Id, active = true }, new { session = session.Id, active = false });
        return Unit.Value;
    }
}
