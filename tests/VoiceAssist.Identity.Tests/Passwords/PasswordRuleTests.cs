using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Passwords;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Passwords;

/// <summary>The password rules as a new user meets them: accepting an invitation.</summary>
public sealed class PasswordRuleTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    public static TheoryData<string, string> Rejected => new()
    {
        { "eleven char", "at least 12" },
        { "1qaz2wsx3edc", "common or breached" },
        { "qwertyuiop123", "common or breached" },
        { "dragon123456!", "common or breached" },
        { "passwordpassword", "common or breached" },
        { "abcabcabcabcabc", "common or breached" },
        { "VoiceAssist2026!", "product's name" },
        { new string('a', 100) + "bcdefghijklmnopqrstuvwxyz12345", "at most 128" },
    };

    public static TheoryData<string> Accepted => new()
    {
        "twelve chars",
        "correct horse battery staple",
        "ÉLAN vital ✓ ünïcödé pass",
        "all lowercase no digits at all",
        "my old one was 1qaz2wsx3edc, not any more",
        string.Concat(Enumerable.Range(0, 128).Select(i => (char)('a' + (i * 7 % 26)))),
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Rejects_short_long_common_breached_and_self_referencing_passwords(string password, string reason)
    {
        var response = await Accept(await Invite(), password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        string.Join(" ", problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()))
            .Should().Contain(reason);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Accepts_any_twelve_to_128_characters_without_composition_rules(string password)
    {
        var invitation = await Invite();

        (await Accept(invitation, password)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.PostPassword(invitation.Email, password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void The_bundled_list_holds_the_most_common_passwords()
    {
        PasswordRules.IsCommon("123456").Should().BeTrue();
        PasswordRules.IsCommon("Password").Should().BeTrue();
        PasswordRules.IsCommon("sonyericsson").Should().BeTrue();
        PasswordRules.IsCommon("violet otter ferries 4 lanterns").Should().BeFalse();
    }

    private async Task<(string Email, string Token)> Invite()
    {
        var admin = api.As((await api.SignInAdmin()).AccessToken);
        var email = $"new.{Guid.NewGuid():N}@hospital.example";
        var created = await (await admin.PostAsJsonAsync("/api/identity/users", new { email, displayName = "New Colleague", role = "viewer" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (email, created.GetProperty("invitationToken").GetString()!);
    }

    private Task<HttpResponseMessage> Accept((string Email, string Token) invitation, string password) =>
        api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = invitation.Token, password });
}
