using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Users.ChangeRole;
using VoiceAssist.Identity.Users.CreateUser;

namespace VoiceAssist.Identity.Administration.ChangeUserRole;

internal sealed class ChangeUserRoleValidator : AbstractValidator<Contracts.Administration.ChangeUserRole>
{
    public ChangeUserRoleValidator()
    {
        RuleFor(r => r.Role).AccountRole();
        RuleFor(r => r.Reason).RequiredReason();
    }
}

/// <summary>The console's role change: <see cref="RoleChange"/> (as the API's <see cref="ChangeRole"/>), audited with
/// its reason and the role before and after.</summary>
internal sealed class ChangeUserRoleHandler(AccountAdministration administration, RoleChange roles)
    : IRequestHandler<Contracts.Administration.ChangeUserRole, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.ChangeUserRole request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        if (await roles.Change(user, request.Role, actor, cancellationToken) is { } oldRole)
        {
            administration.Record(AccountActions.RoleChanged, user.Id, request.Reason, new { role = oldRole }, new { role = user.Role });
        }

        return Unit.Value;
    }
}
