using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SignIn.RefreshSession;

/// <summary>Exchanges a refresh token for a new access token and a new refresh token. Each refresh token is good
/// once: presenting a spent one means it was copied, so the whole session (every token descended from the same
/// sign-in) is revoked, the thief's and the user's alike.</summary>
internal sealed record RefreshSession(string RefreshToken) : ICommand<SignInOutcome>;

internal sealed class RefreshSessionHandler(IdentityDbContext db, SessionTokens sessions, AccountLockout lockout, TimeProvider time)
    : IRequestHandler<RefreshSession, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(RefreshSession request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return SignInOutcome.Failed;
        }

        var hash = Secrets.Hash(request.RefreshToken);
        // Locked, so two concurrent exchanges of one token cannot both succeed: the second sees it spent.
        var presented = await db.RefreshTokens
            .FromSql($"SELECT * FROM identity.refresh_tokens WHERE token_hash = {hash} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (presented is null)
        {
            return SignInOutcome.Failed;
        }

        var now = time.GetUtcNow();
        var session = await db.Sessions.SingleAsync(s => s.Id == presented.SessionId, cancellationToken);
        if (presented.UsedAt is not null)
        {
            if (session.IsActiveAt(now))
            {
                db.AddIntegrationEvent(new RefreshTokenReuseDetected(Guid.CreateVersion7(), now, session.UserId, session.Id));
                sessions.Revoke(session, RevocationReason.RefreshTokenReuse, actorId: null);
            }

            return SignInOutcome.Failed;
        }

        if (presented.ExpiresAt <= now || !session.IsActiveAt(now) || await db.ForUpdate(session.UserId, cancellationToken) is not { } user)
        {
            return SignInOutcome.Failed;
        }

        if (AccountLockout.IsDisabled(user))
        {
            await lockout.RefuseBarred(user, AuthenticationMethod.RefreshToken, cancellationToken);
            return SignInOutcome.Failed;
        }

        return new SignInOutcome(SignInStatus.SignedIn, sessions.Rotate(user, session, presented));
    }
}
