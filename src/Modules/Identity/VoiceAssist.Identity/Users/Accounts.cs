using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

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
