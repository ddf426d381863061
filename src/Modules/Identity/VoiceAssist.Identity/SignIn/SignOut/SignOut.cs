using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.SignIn.SignOut;

/// <summary>Ends the caller's session: its refresh token stops working at once, and so does its access token, which
/// is checked against the session on every request.</summary>
internal sealed record SignOut(Guid UserId, Guid SessionId) : ICommand<Unit>;

internal sealed class SignOutHandler(IdentityDbContext db, SessionTokens sessions) : IRequestHandler<SignOut, Unit>
{
    public async Task<Unit> Handle(SignOut request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FindAsync([request.SessionId], cancellationToken);
        if (session is not null && session.UserId == request.UserId)
        {
            sessions.Revoke(session, RevocationReason.SignedOut, request.UserId);
        }

        return Unit.Value;
    }
}
