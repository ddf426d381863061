using FluentValidation;
using FluentValidation.Results;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Users;
using VoiceAssist.Identity.Users.CreateUser;

namespace VoiceAssist.Identity.Administration.InviteUser;

internal sealed class InviteUserValidator : AbstractValidator<Contracts.Administration.InviteUser>
{
    public InviteUserValidator()
    {
        RuleFor(u => u.Email).NewAccountEmail();
        RuleFor(u => u.DisplayName).NewAccountDisplayName();
        RuleFor(u => u.Role).AccountRole();
    }
}

/// <summary>The console's invitation: the same account and invitation as <see cref="CreateUser"/>, with a taken email
/// address reported on the field, and the change audited.</summary>
internal sealed class InviteUserHandler(Accounts accounts, AccountAdministration administration)
    : IRequestHandler<Contracts.Administration.InviteUser, InvitedUser>
{
    public async Task<InvitedUser> Handle(Contracts.Administration.InviteUser request, CancellationToken cancellationToken)
    {
        administration.Actor();
        if (await accounts.EmailInUse(request.Email, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(Contracts.Administration.InviteUser.Email), "An account with this email address already exists.")]);
        }

        var created = await accounts.Invite(request.Email, request.DisplayName, request.Role);
        administration.Record(AccountActions.Invited, created.Id, reason: null, before: null, after: new { role = created.Role, status = UserStatus.Invited });
        return new InvitedUser(created.Id, created.Email, created.DisplayName, created.Role, created.InvitationToken, created.InvitationExpiresAt);
    }
}
