using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.ResetUserMfa;

internal sealed class ResetUserMfaValidator : AbstractValidator<Contracts.Administration.ResetUserMfa>
{
    public ResetUserMfaValidator() => RuleFor(r => r.Reason).RequiredReason();
}

/// <summary>Removes the authenticator and recovery codes the way a user turning MFA off does
/// (<see cref="TotpEnrollment.Disable"/>, which records <see cref="MfaDisabled"/>), removes the passkeys (each recorded
/// as <see cref="PasskeyRemoved"/>), renews the security stamp and ends the sessions. An account with none of these
/// changes nothing.</summary>
internal sealed class ResetUserMfaHandler(
    IdentityDbContext db, AccountAdministration administration, TotpEnrollment enrollment, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<Contracts.Administration.ResetUserMfa, MfaReset>
{
    public async Task<MfaReset> Handle(Contracts.Administration.ResetUserMfa request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        var hadAuthenticator = user.TwoFactorEnabled || user.TotpSecret is not null || user.PendingTotpSecret is not null;
        var recoveryCodes = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken);
        var passkeys = await db.Passkeys.Where(p => p.UserId == user.Id).ToListAsync(cancellationToken);
        if (!hadAuthenticator && recoveryCodes == 0 && passkeys.Count == 0)
        {
            return new MfaReset(false, 0, 0, 0);
        }

        var before = new { mfaEnabled = user.TwoFactorEnabled, recoveryCodes, passkeys = passkeys.Count };
        await enrollment.Disable(user, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var passkey in passkeys)
        {
            db.Passkeys.Remove(passkey);
            db.AddIntegrationEvent(new PasskeyRemoved(Guid.CreateVersion7(), now, user.Id, passkey.Id));
        }

        AccountAdministration.RenewSecurityStamp(user);
        var ended = await sessions.RevokeAll(user.Id, RevocationReason.CredentialsChanged, actor, except: null, cancellationToken);
        administration.Record(AccountActions.MfaReset, user.Id, request.Reason, before, new { mfaEnabled = false, recoveryCodes = 0, passkeys = 0, sessionsEnded = ended });
        return new MfaReset(hadAuthenticator, recoveryCodes, passkeys.Count, ended);
    }
}
