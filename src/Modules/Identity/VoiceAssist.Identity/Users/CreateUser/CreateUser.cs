using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Users.CreateUser;

/// <summary>An administrator creates an account with one role.</summary>
internal sealed record CreateUser(string Email, string DisplayName, string Role) : ICommand<CreatedUser>;

internal sealed record CreatedUser(Guid Id, string Email, string DisplayName, string Role);

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

internal sealed class CreateUserHandler(IdentityDbContext db, TimeProvider time) : IRequestHandler<CreateUser, CreatedUser>
{
    public async Task<CreatedUser> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var normalizedEmail = request.Email.Trim().ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            CreatedAt = now,
        };
        db.Users.Add(user);
        db.AddIntegrationEvent(new UserCreated(Guid.CreateVersion7(), now, user.Id, user.Role));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedUser(user.Id, user.Email, user.DisplayName, user.Role);
    }
}
