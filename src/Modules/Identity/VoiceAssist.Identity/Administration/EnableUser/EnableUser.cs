using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts.Administration;

namespace VoiceAssist.Identity.Administration.EnableUser;

internal sealed class EnableUserValidator : AbstractValidator<Contracts.Administration.EnableUser>
{
    public EnableUserValidator() => RuleFor(r => r.Reason).RequiredReason();
}

/// <summary>Clears the disabled mark; the account's password, authenticator and passkeys were kept, so the user signs
/// in as before. Enabling an enabled account changes nothing.</summary>
internal sealed class EnableUserHandler(AccountAdministration administration)
    : IRequestHandler<Contracts.Administration.EnableUser, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.EnableUser request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        if (user.DisabledAt is null)
        {
            return Unit.Value;
        }

        user.DisabledAt = null;
        var after = await administration.StatusOf(user, cancellationToken);
        administration.Record(AccountActions.Enabled, user.Id, request.Reason, new { status = UserStatus.Disabled }, new { status = after });
        return Unit.Value;
    }
}
