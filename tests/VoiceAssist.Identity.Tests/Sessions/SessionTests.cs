using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Sessions;

public sealed class SessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task A_refresh_token_is_exchanged_for_new_tokens_and_the_old_one_stops_working()
    {
        var user = await api.CreateUser("clinician");
        var first = await api.SignIn(user.Email, user.Password);

        var refreshed = await api.Refresh(first.RefreshToken);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        var second = IdentityApi.ToTokens(await refreshed.Content.ReadFromJsonAsync<JsonElement>());

        second.RefreshToken.Should().NotBe(first.RefreshToken);
        second.AccessToken.Should().NotBe(first.AccessToken);
        second.SessionId.Should().Be(first.SessionId);
        (await api.As(second.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Refresh(second.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Replaying_a_spent_refresh_token_revokes_the_whole_session_for_thief_and_user_alike()
    {
        var user = await api.CreateUser("clinician");
        var stolen = await api.SignIn(user.Email, user.Password);
        var legitimate = IdentityApi.ToTokens(await (await api.Refresh(stolen.RefreshToken)).Content.ReadFromJsonAsync<JsonElement>());

        var replay = await api.Refresh(stolen.RefreshToken);

        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(legitimate.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the family is revoked");
        (await api.As(legitimate.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "access tokens of the session die with it");
        (await OutboxPayloads("RefreshTokenReuseDetected")).Should().ContainSingle().Which.Should().Contain(legitimate.SessionId.ToString());
    }

    [Fact]
    public async Task Two_concurrent_exchanges_of_one_refresh_token_do_not_both_succeed()
    {
        var user = await api.CreateUser("viewer");
        var tokens = await api.SignIn(user.Email, user.Password);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.Refresh(tokens.RefreshToken)));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Signing_out_revokes_the_access_token_and_the_refresh_token_at_once()
    {
        var user = await api.CreateUser("clinician");
        var tokens = await api.SignIn(user.Email, user.Password);
        var client = api.As(tokens.AccessToken);

        (await client.PostAsync("/api/identity/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(tokens.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_lists_their_sessions_and_ends_one_from_another()
    {
        var user = await api.CreateUser("clinician");
        var phone = await api.SignIn(user.Email, user.Password);
        var workstation = await api.SignIn(user.Email, user.Password);
        var fromWorkstation = api.As(workstation.AccessToken);

        var sessions = await fromWorkstation.GetFromJsonAsync<JsonElement>("/api/identity/me/sessions");
        sessions.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().BeEquivalentTo([phone.SessionId, workstation.SessionId]);
        sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid().Should().Be(workstation.SessionId);

        (await fromWorkstation.DeleteAsync($"/api/identity/me/sessions/{phone.SessionId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.As(phone.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fromWorkstation.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_cannot_end_someone_else_s_session()
    {
        var alice = await api.CreateUser("clinician");
        var bob = await api.CreateUser("clinician");
        var aliceTokens = await api.SignIn(alice.Email, alice.Password);
        var bobClient = api.As((await api.SignIn(bob.Email, bob.Password)).AccessToken);

        (await bobClient.DeleteAsync($"/api/identity/me/sessions/{aliceTokens.SessionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.As(aliceTokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_a_user()
    {
        var user = await api.CreateUser("clinician");
        var one = await api.SignIn(user.Email, user.Password);
        var two = await api.SignIn(user.Email, user.Password);
        var admin = api.As((await api.SignInAdmin()).AccessToken);

        var killed = await admin.DeleteAsync($"/api/identity/users/{user.Id}/sessions");

        killed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await killed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32().Should().Be(2);
        (await api.As(one.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(two.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_a_role_ends_the_user_s_sessions_and_the_next_token_carries_the_new_role()
    {
        var user = await api.CreateUser("viewer");
        var before = await api.SignIn(user.Email, user.Password);
        var admin = api.As((await api.SignInAdmin()).AccessToken);

        (await admin.PutAsJsonAsync($"/api/identity/users/{user.Id}/role", new { role = "clinician" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.As(before.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var after = await api.SignIn(user.Email, user.Password);
        (await api.As(after.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("role").GetString().Should().Be("clinician");
        (await OutboxPayloads("UserRoleChanged")).Should().ContainSingle(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal));
    }

    private Task<List<string>> OutboxPayloads(string eventName) => IdentityOutbox.Payloads(factory.DatabaseConnectionString, eventName);
}
