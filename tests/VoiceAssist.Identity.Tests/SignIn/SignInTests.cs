using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.SignIn;

public sealed class SignInTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task An_invited_clinician_sets_a_password_signs_in_and_sees_their_account()
    {
        var clinician = await api.CreateUser("clinician");

        var tokens = await api.SignIn(clinician.Email, clinician.Password);
        var me = await api.As(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me");

        me.GetProperty("id").GetGuid().Should().Be(clinician.Id);
        me.GetProperty("role").GetString().Should().Be("clinician");
        me.GetProperty("mfaEnabled").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task The_access_token_is_an_at_jwt_of_fifteen_minutes_naming_user_session_and_role()
    {
        var clinician = await api.CreateUser("clinician");

        var tokens = await api.SignIn(clinician.Email, clinician.Password);
        var jwt = new JsonWebToken(tokens.AccessToken);

        jwt.Typ.Should().Be("at+jwt");
        jwt.Alg.Should().Be("RS256");
        (jwt.ValidTo - jwt.ValidFrom).Should().Be(TimeSpan.FromMinutes(15));
        jwt.Subject.Should().Be(clinician.Id.ToString());
        jwt.GetClaim("sid").Value.Should().Be(tokens.SessionId.ToString());
        jwt.GetClaim("role").Value.Should().Be("clinician");
        tokens.RefreshToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_bare_401()
    {
        var clinician = await api.CreateUser("clinician");

        var wrongPassword = await api.PostPassword(clinician.Email, "not the password at all");
        var unknownAccount = await api.PostPassword("nobody@hospital.example", "not the password at all");

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownAccount.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknownAccount.Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("title").GetString().Should().Be("Sign-in failed.").And.Be(b.GetProperty("title").GetString());
        a.TryGetProperty("detail", out _).Should().BeFalse();
    }

    [Fact]
    public async Task An_account_with_a_pending_invitation_cannot_sign_in()
    {
        var admin = api.As((await api.SignInAdmin()).AccessToken);
        var email = $"pending.{Guid.NewGuid():N}@hospital.example";
        (await admin.PostAsJsonAsync("/api/identity/users", new { email, displayName = "Pending", role = "viewer" })).EnsureSuccessStatusCode();

        (await api.PostPassword(email, "")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.PostPassword(email, "any password of length")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_invitation_works_once()
    {
        var admin = api.As((await api.SignInAdmin()).AccessToken);
        var created = await (await admin.PostAsJsonAsync("/api/identity/users", new { email = $"once.{Guid.NewGuid():N}@hospital.example", displayName = "Once", role = "viewer" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("invitationToken").GetString();

        (await api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token, password = "first choice of passphrase" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var again = await api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token, password = "attacker's passphrase here" });

        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Identity_endpoints_refuse_anonymous_callers_and_the_wrong_role()
    {
        var clinician = await api.CreateUser("clinician");
        var asClinician = api.As((await api.SignIn(clinician.Email, clinician.Password)).AccessToken);
        var newUser = new { email = "someone@hospital.example", displayName = "Someone", role = "admin" };

        (await api.Anonymous.PostAsJsonAsync("/api/identity/users", newUser)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Anonymous.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await asClinician.PostAsJsonAsync("/api/identity/users", newUser)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await asClinician.DeleteAsync($"/api/identity/users/{clinician.Id}/sessions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await asClinician.PutAsJsonAsync($"/api/identity/users/{clinician.Id}/role", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
