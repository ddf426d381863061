using Microsoft.EntityFrameworkCore;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Users;

/// <summary>Loads accounts for authentication. The row is locked for the rest of the transaction, so concurrent
/// guesses against one account are judged one after another and each sees the failures before it.</summary>
internal static class UserQueries
{
    public static Task<User?> ForUpdate(this IdentityDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Users.FromSql($"SELECT * FROM identity.users WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public static Task<User?> ForUpdateByEmail(this IdentityDbContext db, string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.FromSql($"SELECT * FROM identity.users WHERE normalized_email = {normalizedEmail} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public static string NormalizeEmail(string email) => email.Trim().Normalize().ToUpperInvariant();

    /// <summary>Whether the account must use a second factor: always for admins and auditors, and for every role while
    /// <see cref="MfaSettings.RequiredForAllRoles"/> is on (the default in Production).</summary>
    public static bool RequiresMfa(this User user, MfaSettings settings) =>
        user.Role is Roles.Admin or Roles.Auditor || settings.RequiredForAllRoles == true;
}
