using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Users;

public sealed class ChangePasswordTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one_and_their_other_sessions_end()
    {
        var user = await api.CreateUser("clinician");
        var other = await api.SignIn(user.Email, user.Password);
        var client = api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

        var changed = await client.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = user.Password, newPassword = "a brand new passphrase" });

        changed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.PostPassword(user.Email, "a brand new passphrase")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.As(other.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_the_current_password_nothing_changes()
    {
        var user = await api.CreateUser("clinician");
        var client = api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

        var changed = await client.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "i stole only the token", newPassword = "a brand new passphrase" });

        changed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_new_password_meets_the_same_rules()
    {
        var user = await api.CreateUser("clinician");
        var client = api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

        var changed = await client.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = user.Password, newPassword = "qwertyuiop123" });

        changed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _).Should().BeTrue();
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password still works");
    }
}
