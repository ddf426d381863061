using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Testing.Browsers;

/// <summary>An account to sign in with in a browser: its password and, with MFA on, its authenticator's key.</summary>
public sealed record BrowserAccount(Guid Id, string Email, string Password, string? AuthenticatorKey)
{
    /// <summary>The authenticator's code now, computed independently of the module (RFC 6238), or null without MFA.</summary>
    public string? CurrentCode() => AuthenticatorKey is { } key ? TestTotp.Code(key, DateTimeOffset.UtcNow) : null;
}

/// <summary>Creates accounts as the admin API does, with a password and (by default) a confirmed authenticator, so a
/// browser test can sign in through the page's form like a person. Administrators and auditors must use MFA.</summary>
public static class BrowserAccounts
{
    public static async Task<BrowserAccount> CreateBrowserAccount(this VoiceAssistFactory host, string role, string? name = null, bool withMfa = true)
    {
        ArgumentNullException.ThrowIfNull(host);
        var email = $"{role}.{Guid.NewGuid():N}@hospital.example";
        var password = $"amber {Guid.NewGuid():N} harbour";
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();
        var (user, _, _) = await services.GetRequiredService<Accounts>().Create(email, name ?? $"Test {role}", role, password);
        string? key = null;
        if (withMfa)
        {
            // Set up as a confirmed enrollment leaves it, without spending a code the sign-in may need.
            key = Totp.NewSecret();
            user.TotpSecret = services.GetRequiredService<TotpSecretProtector>().Protect(user.Id, key);
            user.TwoFactorEnabled = true;
        }

        await db.SaveChangesAsync();
        return new BrowserAccount(user.Id, email, password, key);
    }
}
