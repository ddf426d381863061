using System.Net.Http.Json;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Users;

/// <summary>Security events reach the outbox for the audit trail, carrying ids but never email, name or secrets.</summary>
public sealed class SecurityEventTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task Sign_in_failure_MFA_and_session_events_are_recorded_without_personal_data()
    {
        var user = await api.CreateUser("clinician");
        await api.PostPassword(user.Email, "a wrong password here");
        await api.PostPassword("ghost@hospital.example", "a wrong password here");
        var tokens = await api.SignIn(user.Email, user.Password);
        var client = api.As(tokens.AccessToken);
        var setup = await (await client.PostAsJsonAsync("/api/identity/me/mfa/totp", new { password = user.Password })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        factory.Authenticators[user.Email] = (setup.GetProperty("sharedKey").GetString()!, -1);
        await client.PostAsJsonAsync("/api/identity/me/mfa/totp/confirm", new { code = api.NextCode(user.Email) });
        await client.PostAsync("/api/identity/logout", null);

        var events = await Outbox();

        events.Select(e => e.Type).Should().Contain(["UserCreated", "PasswordSet", "SignInFailed", "UserSignedIn", "MfaEnabled", "SessionRevoked"]);
        events.Where(e => e.Type == "SignInFailed").Select(e => e.Payload).Should().Contain(p => p.Contains("unknown_account", StringComparison.Ordinal));
        events.Should().OnlyContain(e => !e.Payload.Contains('@', StringComparison.Ordinal), "no email address in any event");
        events.Should().OnlyContain(e => !e.Payload.Contains(user.Password, StringComparison.Ordinal) && !e.Payload.Contains("Dr Test", StringComparison.Ordinal));
        events.Should().OnlyContain(e => !e.Payload.Contains(tokens.RefreshToken, StringComparison.Ordinal));
    }

    private Task<List<(string Type, string Payload)>> Outbox() => IdentityOutbox.Events(factory.DatabaseConnectionString);
}
