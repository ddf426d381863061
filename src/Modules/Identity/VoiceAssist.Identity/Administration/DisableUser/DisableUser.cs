using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Administration.DisableUser;

internal sealed class DisableUserValidator : AbstractValidator<Contracts.Administration.DisableUser>
{
    public DisableUserValidator() => RuleFor(r => r.Reason).RequiredReason();
}

/// <summary>Marks the account disabled, which every sign-in step refuses (<see cref="Security.AccountLockout.IsBarred"/>)
/// and every request's session check sees (<see cref="SessionQueries.LiveSessions"/>); ends its sessions, recording each end as
/// <see cref="SessionRevoked"/> so open voice sockets close; and renews the security stamp, so an MFA token from a
/// password step taken just before is void.</summary>
internal sealed class DisableUserHandler(AccountAdministration administration, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<Contracts.Administration.DisableUser, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.DisableUser request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        if (user.DisabledAt is not null)
        {
            return Unit.Value;
        }

        await administration.RefuseSelfOrLastAdministrator(user, actor, "disable", cancellationToken);
        var before = await administration.StatusOf(user, cancellationToken);
        user.DisabledAt = time.GetUtcNow();
        AccountAdministration.RenewSecurityStamp(user);
        var ended = await sessions.RevokeAll(user.Id, RevocationReason.AccountDisabled, actor, except: null, cancellationToken);
        administration.Record(AccountActions.Disabled, user.Id, request.Reason, new { status = before }, new { status = UserStatus.Disabled, sessionsEnded = ended });
        return Unit.Value;
    }
}
