using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Users.CreateUser;

/// <summary>An administrator creates an account with one role. The account has no password: the response carries a
/// one-time invitation token, handed to the user out of band, with which they set their own.</summary>
internal sealed record CreateUser(string Email, string DisplayName, string Role) : ICommand<CreatedUser>;

internal sealed record CreatedUser(Guid Id, string Email, string DisplayName, string Role, string InvitationToken, DateTimeOffset InvitationExpiresAt);

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(u => u.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(u => u.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(u => u.Role).NotEmpty().Must(role => Roles.All.Contains(role))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
    }
}

internal sealed class CreateUserHandler(IdentityDbContext db, Accounts accounts, TimeProvider time) : IRequestHandler<CreateUser, CreatedUser>
{
    public async Task<CreatedUser> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var normalizedEmail = UserQueries.NormalizeEmail(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        var (user, token, expiresAt) = await accounts.Create(request.Email, request.DisplayName, request.Role, password: null);
        db.AddIntegrationEvent(new UserCreated(Guid.CreateVersion7(), time.GetUtcNow(), user.Id, user.Role));
        return new CreatedUser(user.Id, user.Email!, user.DisplayName, user.Role, token!, expiresAt!.Value);
    }
}
