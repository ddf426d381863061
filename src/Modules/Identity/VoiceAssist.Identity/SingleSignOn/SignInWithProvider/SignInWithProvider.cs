using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SingleSignOn.SignInWithProvider;

/// <summary>Signs in the user an OpenID Connect provider vouched for (its id_token already validated): links or
/// provisions the account by provider and subject, sets its role from the provider's groups on every sign-in, and
/// starts a page (cookie) session exactly as the page's password sign-in does, keeping the id_token (encrypted) as the
/// hint for the provider's logout.</summary>
internal sealed record SignInWithProvider(string Provider, string Subject, string? Email, string? Name, IReadOnlyList<string> RoleValues, string IdToken)
    : ICommand<SignInOutcome>;

internal sealed class SignInWithProviderHandler(
    IdentityDbContext db, UserManager<User> users, OidcProviders providers, SignInCompletion completion, AccountLockout lockout, TimeProvider time)
    : IRequestHandler<SignInWithProvider, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(SignInWithProvider request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var provider = providers.Find(request.Provider);
        var role = provider is null ? null : OidcProviders.RoleFor(provider, request.RoleValues);
        var link = await db.ExternalLogins.FirstOrDefaultAsync(l => l.Provider == request.Provider && l.Subject == request.Subject, cancellationToken);
        var method = AuthenticationMethod.External(request.Provider);
        if (role is null)
        {
            db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), now, link?.UserId, method, FailureReason.NoMappedRole, 0));
            return SignInOutcome.Failed;
        }

        User? user;
        if (link is null)
        {
            if (string.IsNullOrWhiteSpace(request.Email))
            {
                db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), now, null, method, FailureReason.UnknownAccount, 0));
                return SignInOutcome.Failed;
            }

            // An existing account with the same address is not taken over: only an administrator may link it.
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == UserQueries.NormalizeEmail(request.Email), cancellationToken))
            {
                db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), now, null, method, FailureReason.AccountNotLinked, 0));
                return SignInOutcome.Failed;
            }

            user = new User
            {
                Id = Guid.CreateVersion7(),
                Email = request.Email.Trim(),
                UserName = request.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(request.Name) ? request.Email.Trim() : request.Name.Trim(),
                Role = role,
                CreatedAt = now,
                LockoutEnabled = true,
            };
            Accounts.Check(await users.CreateAsync(user), "email");
            db.ExternalLogins.Add(new ExternalLogin { Provider = request.Provider, Subject = request.Subject, UserId = user.Id, CreatedAt = now, LastSignInAt = now });
            db.AddIntegrationEvent(new UserCreated(Guid.CreateVersion7(), now, user.Id, user.Role));
        }
        else
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
            if (user is null)
            {
                return SignInOutcome.Failed;
            }

            // The provider proved who this is: a lock earned by guessing secrets here does not apply; disabling does.
            if (AccountLockout.IsDisabled(user))
            {
                await lockout.RefuseBarred(user, method, cancellationToken);
                return SignInOutcome.Failed;
            }

            link.LastSignInAt = now;
            if (user.Role != role)
            {
                db.AddIntegrationEvent(new UserRoleChanged(Guid.CreateVersion7(), now, user.Id, user.Role, role, Guid.Empty));
                user.Role = role;
            }
        }

        return completion.Complete(user, [method], forPage: true, request.Provider, request.IdToken);
    }
}
