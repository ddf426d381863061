using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Testing;

/// <summary>A real account with a known password, for tests that sign in through the host's own sign-in endpoints.</summary>
public sealed record PasswordAccount(Guid Id, string Email, string Password);

public static class PasswordAccounts
{
    public static async Task<PasswordAccount> CreatePasswordAccount(this VoiceAssistFactory factory, string role)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var email = $"{role}.{Guid.NewGuid():N}@tests.example";
        var password = $"test passphrase {Guid.NewGuid():N}";
        var (user, _, _) = await scope.ServiceProvider.GetRequiredService<Accounts>().Create(email, $"Test {role}", role, password);
        return new PasswordAccount(user.Id, email, password);
    }
}
