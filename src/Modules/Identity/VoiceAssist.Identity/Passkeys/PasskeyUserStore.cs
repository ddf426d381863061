using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Users;
using UserOnlyStore = Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserOnlyStore<VoiceAssist.Identity.Users.User, VoiceAssist.Identity.Data.IdentityDbContext, System.Guid>;

namespace VoiceAssist.Identity.Passkeys;

/// <summary>The module's user store: ASP.NET Core Identity's EF store for accounts, with passkeys kept in
/// <c>identity.passkeys</c> (one column per field, an id of our own for the API) instead of Identity's default
/// table with a JSON column. ASP.NET Core Identity's passkey handler reads passkeys through here; the module's own
/// commands write them, in their transaction.</summary>
internal sealed class PasskeyUserStore(IdentityDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore(context, describer)
{
    public override async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var passkeys = await Context.Passkeys.AsNoTracking().Where(p => p.UserId == user.Id).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return [.. passkeys.Select(ToInfo)];
    }

    public override async Task<User?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        var userId = await Context.Passkeys.Where(p => p.CredentialId == credentialId).Select(p => (Guid?)p.UserId).SingleOrDefaultAsync(cancellationToken);
        return userId is { } id ? await Context.Users.FindAsync([id], cancellationToken) : null;
    }

    public override async Task<UserPasskeyInfo?> FindPasskeyAsync(User user, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var passkey = await Context.Passkeys.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id && p.CredentialId == credentialId, cancellationToken);
        return passkey is null ? null : ToInfo(passkey);
    }

    public override async Task AddOrUpdatePasskeyAsync(User user, UserPasskeyInfo passkey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        var stored = await Context.Passkeys.SingleOrDefaultAsync(p => p.UserId == user.Id && p.CredentialId == passkey.CredentialId, cancellationToken);
        if (stored is null)
        {
            Context.Passkeys.Add(FromInfo(user.Id, passkey));
            return;
        }

        stored.Name = passkey.Name ?? stored.Name;
        stored.SignCount = passkey.SignCount;
        stored.IsUserVerified = passkey.IsUserVerified;
        stored.IsBackedUp = passkey.IsBackedUp;
    }

    public override async Task RemovePasskeyAsync(User user, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await Context.Passkeys.Where(p => p.UserId == user.Id && p.CredentialId == credentialId).ExecuteDeleteAsync(cancellationToken);
    }

    public static Passkey FromInfo(Guid userId, UserPasskeyInfo info) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        CredentialId = info.CredentialId,
        PublicKey = info.PublicKey,
        Name = info.Name ?? "Passkey",
        CreatedAt = info.CreatedAt,
        SignCount = info.SignCount,
        Transports = info.Transports,
        IsUserVerified = info.IsUserVerified,
        IsBackupEligible = info.IsBackupEligible,
        IsBackedUp = info.IsBackedUp,
        AttestationObject = info.AttestationObject,
        ClientDataJson = info.ClientDataJson,
    };

    private static UserPasskeyInfo ToInfo(Passkey passkey) => new(
        passkey.CredentialId, passkey.PublicKey, passkey.CreatedAt, (uint)passkey.SignCount, passkey.Transports, passkey.IsUserVerified,
        passkey.IsBackupEligible, passkey.IsBackedUp, passkey.AttestationObject, passkey.ClientDataJson)
    {
        Name = passkey.Name,
    };
}
