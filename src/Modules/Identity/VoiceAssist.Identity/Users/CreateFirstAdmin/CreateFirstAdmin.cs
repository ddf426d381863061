using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Users.CreateFirstAdmin;

/// <summary>First run: creates the first administrator, only while there is none. With a password (from
/// configuration, supplied as a secret) the account is ready to sign in; without one (the console command) it gets an
/// invitation token to set its own. Either way it must enroll an authenticator at first sign-in.</summary>
internal sealed record CreateFirstAdmin(string Email, string DisplayName, string? Password) : ICommand<FirstAdmin>;

internal sealed record FirstAdmin(Guid Id, string? InvitationToken, DateTimeOffset? InvitationExpiresAt);

internal sealed class CreateFirstAdminValidator : AbstractValidator<CreateFirstAdmin>
{
    public CreateFirstAdminValidator()
    {
        RuleFor(a => a.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(a => a.DisplayName).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CreateFirstAdminHandler(IdentityDbContext db, Accounts accounts, TimeProvider time) : IRequestHandler<CreateFirstAdmin, FirstAdmin>
{
    public async Task<FirstAdmin> Handle(CreateFirstAdmin request, CancellationToken cancellationToken)
    {
        // Serializes concurrent first starts of several replicas: only one creates the admin.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('identity.first-admin'))", cancellationToken);
        if (await db.Users.AnyAsync(u => u.Role == Roles.Admin, cancellationToken))
        {
            throw new ConflictException("An administrator already exists.");
        }

        var (user, token, expiresAt) = await accounts.Create(request.Email, request.DisplayName, Roles.Admin, request.Password);
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new UserCreated(Guid.CreateVersion7(), now, user.Id, user.Role));
        if (request.Password is not null)
        {
            db.AddIntegrationEvent(new PasswordSet(Guid.CreateVersion7(), now, user.Id));
        }

        return new FirstAdmin(user.Id, token, expiresAt);
    }
}
