using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Testing;

/// <summary>A real account with a live session, and a client that sends its access token.</summary>
public sealed record SignedInUser(Guid Id, string Role, Guid SessionId, HttpClient Client);

/// <summary>Clients signed in as a new account of a given role, for tests whose subject is not sign-in itself. The
/// account and its session are real and the access token is issued by the host's own issuer, so every check a
/// request goes through (signature, session, role policies) is the production one; only the walk through the
/// password and MFA steps is skipped (those are tested in VoiceAssist.Identity.Tests).</summary>
public static class SignedIn
{
    public static async Task<HttpClient> CreateClientSignedInAs(this VoiceAssistFactory factory, string role) =>
        (await factory.CreateSignedInUser(role)).Client;

    public static async Task<SignedInUser> CreateSignedInUser(this VoiceAssistFactory factory, string role)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _ = factory.Server; // starts the host, which migrates
        string accessToken;
        Guid userId;
        Guid sessionId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var (user, _, _) = await scope.ServiceProvider.GetRequiredService<Accounts>()
                .Create($"{role}.{Guid.NewGuid():N}@tests.example", $"Test {role}", role, $"test passphrase {Guid.NewGuid():N}");
            var started = scope.ServiceProvider.GetRequiredService<SessionTokens>().Start(user, ["pwd", "otp"]);
            await db.SaveChangesAsync();
            (accessToken, userId, sessionId) = (started.AccessToken, user.Id, started.SessionId);
        }

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new SignedInUser(userId, role, sessionId, client);
    }
}
