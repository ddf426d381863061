using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;
using VoiceAssist.Testing.Browsers;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>Accounts for the browser tests' live host, created as the admin API creates them.</summary>
internal static class LiveHostAccounts
{
    /// <summary>A new account of <paramref name="role"/> with a password of its own, for signing in on the page.</summary>
    public static async Task<(Guid Id, string Email, string Password)> CreateAccount(this LiveHost host, string role, string name)
    {
        _ = host.Root; // starts the host
        var email = $"{role}.{Guid.NewGuid():N}@hospital.example";
        var password = $"amber {Guid.NewGuid():N} harbour";
        await using var scope = host.Services.CreateAsyncScope();
        var (user, _, _) = await scope.ServiceProvider.GetRequiredService<Accounts>().Create(email, name, role, password);
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().SaveChangesAsync();
        return (user.Id, email, password);
    }

    /// <summary>A client of the live host holding an access token of a new account of <paramref name="role"/>.</summary>
    public static async Task<HttpClient> CreateSignedInClient(this LiveHost host, string role)
    {
        var (id, _, _) = await host.CreateAccount(role, "Test " + role);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var started = scope.ServiceProvider.GetRequiredService<SessionTokens>().Start(await db.Users.FindAsync(id) ?? throw new InvalidOperationException("no such account"), ["pwd", "otp"]);
        await db.SaveChangesAsync();
        var client = new HttpClient { BaseAddress = host.Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", started.AccessToken);
        return client;
    }
}
