using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Administration.UnlockUser;

internal sealed class UnlockUserValidator : AbstractValidator<Contracts.Administration.UnlockUser>
{
    public UnlockUserValidator() => RuleFor(r => r.Reason).OptionalReason();
}

/// <summary>Ends the lockout and resets the shared failure counter, as a complete sign-in would
/// (<see cref="AccountLockout.RegisterSuccess"/>). An account neither locked nor with failures changes nothing.</summary>
internal sealed class UnlockUserHandler(AccountAdministration administration, AccountLockout lockout)
    : IRequestHandler<Contracts.Administration.UnlockUser, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.UnlockUser request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        if (!lockout.IsLockedOut(user) && user.AccessFailedCount == 0)
        {
            return Unit.Value;
        }

        var before = new { lockedUntil = lockout.IsLockedOut(user) ? user.LockoutEnd : null, failedAttempts = user.AccessFailedCount };
        AccountLockout.RegisterSuccess(user);
        administration.Record(AccountActions.Unlocked, user.Id, request.Reason, before, new { lockedUntil = (DateTimeOffset?)null, failedAttempts = 0 });
        return Unit.Value;
    }
}
