using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.Users.CreateUser;

/// <summary>An administrator creates an account with one role. The account has no password: the response carries a
/// one-time invitation token, handed to the user out of band, with which they set their own.</summary>
internal sealed record CreateUser(string Email, string DisplayName, string Role) : ICommand<CreatedUser>;

internal sealed record CreatedUser(Guid Id, string Email, string DisplayName, string Role, string InvitationToken, DateTimeOffset InvitationExpiresAt);

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(u => u.Email).NewAccountEmail();
        RuleFor(u => u.DisplayName).NewAccountDisplayName();
        RuleFor(u => u.Role).AccountRole();
    }
}

internal sealed class CreateUserHandler(Accounts accounts) : IRequestHandler<CreateUser, CreatedUser>
{
    public async Task<CreatedUser> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        if (await accounts.EmailInUse(request.Email, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        return await accounts.Invite(request.Email, request.DisplayName, request.Role);
    }
}

/// <summary>The rules an invitation's fields follow, wherever the invitation comes from (the API or the console).</summary>
internal static class AccountFieldRules
{
    public static IRuleBuilderOptions<T, string> NewAccountEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(254).EmailAddress();

    public static IRuleBuilderOptions<T, string> NewAccountDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(200);

    public static IRuleBuilderOptions<T, string> AccountRole<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(role => Roles.All.Contains(role)).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
}
