using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users.CreateUser;

namespace VoiceAssist.Identity.Users;

/// <summary>Creating accounts and setting passwords through ASP.NET Core Identity, with its errors turned into the
/// project's validation problems.</summary>
internal sealed class Accounts(IdentityDbContext db, UserManager<User> users, IOptions<AccountSettings> options, TimeProvider time)
{
    /// <summary>Creates the account and, when no password is given, an invitation whose token is returned once.</summary>
    public async Task<(User User, string? InvitationToken, DateTimeOffset? InvitationExpiresAt)> Create(
        string email, string displayName, string role, string? password)
    {
        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            UserName = email.Trim(),
            DisplayName = displayName.Trim(),
            Role = role,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), password is null ? "email" : "password");
        if (password is not null)
        {
            return (user, null, null);
        }

        var token = Secrets.NewToken();
        var expiresAt = now + options.Value.InvitationLifetime;
        db.Invitations.Add(new Invitation { Id = Guid.CreateVersion7(), UserId = user.Id, TokenHash = Secrets.Hash(token), CreatedAt = now, ExpiresAt = expiresAt });
        return (user, token, expiresAt);
    }

    /// <summary>Whether an account already has this email address (compared as Identity normalizes it).</summary>
    public Task<bool> EmailInUse(string email, CancellationToken cancellationToken)
    {
        var normalized = UserQueries.NormalizeEmail(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    /// <summary>An account with no password and its invitation; the token is in the answer only, stored as its hash.</summary>
    public async Task<CreatedUser> Invite(string email, string displayName, string role)
    {
        var (user, token, expiresAt) = await Create(email, displayName, role, password: null);
        db.AddIntegrationEvent(new UserCreated(Guid.CreateVersion7(), time.GetUtcNow(), user.Id, user.Role));
        return new CreatedUser(user.Id, user.Email!, user.DisplayName, user.Role, token!, expiresAt!.Value);
    }

    public async Task SetFirstPassword(User user, string password) =>
        Check(await users.AddPasswordAsync(user, password), "password");

    /// <summary>Identity's failures as field errors: password rules on <c>password</c>, duplicates on <c>email</c>.</summary>
    public static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }

        throw new ValidationException(result.Errors.Select(e => new ValidationFailure(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? (field == "newPassword" ? field : "password") : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : field,
            e.Description)));
    }
}
