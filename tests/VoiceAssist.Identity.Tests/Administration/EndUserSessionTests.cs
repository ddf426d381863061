using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>An administrator sees an account's live sessions and ends one or all of them; each end is a
/// <see cref="SessionRevoked"/> (which closes voice sockets) and an audited change.</summary>
public sealed class EndUserSessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task Ending_one_session_stops_its_tokens_and_leaves_the_other_working()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Clinician);
        var first = await api.SignIn(user.Email, user.Password);
        var page = new PageClient(factory);
        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        var sessions = await console.Send(new ListUserSessions(user.Id));
        sessions.Should().HaveCount(2);
        sessions.Select(s => s.Kind).Should().BeEquivalentTo(["token", "page"]);
        sessions.Should().BeInDescendingOrder(s => s.CreatedAt);

        await console.Send(new EndUserSession(user.Id, first.SessionId, "Workstation left signed in"));

        (await api.As(first.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(first.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await page.AccessToken()).StatusCode.Should().Be(HttpStatusCode.OK, "the page session was not ended");
        (await console.Send(new ListUserSessions(user.Id))).Should().ContainSingle().Which.Kind.Should().Be("page");
        var revoked = (await IdentityOutbox.Payloads(factory.DatabaseConnectionString, nameof(SessionRevoked)))
            .Select(p => JsonDocument.Parse(p).RootElement).Single(e => e.GetProperty("sessionId").GetGuid() == first.SessionId);
        revoked.GetProperty("reason").GetString().Should().Be(RevocationReason.RevokedByAdmin);
        revoked.GetProperty("actorId").GetGuid().Should().Be((await console.Administrator()).UserId);
        var audit = (await console.AuditEntries(user.Id, "identity.user.session_ended")).Single();
        audit.Reason.Should().Be("Workstation left signed in");
        audit.After.Should().Be($$"""{"session":"{{first.SessionId}}","active":false}""");
    }

    [Fact]
    public async Task Ending_all_sessions_stops_every_token_and_the_api_answers_as_before()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Clinician);
        var one = await api.SignIn(user.Email, user.Password);
        var two = await api.SignIn(user.Email, user.Password);

        var ended = await console.Send(new EndAllUserSessions(user.Id, "Device stolen"));

        ended.Revoked.Should().Be(2);
        (await api.As(one.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(two.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await console.Send(new ListUserSessions(user.Id))).Should().BeEmpty();
        var audit = (await console.AuditEntries(user.Id, "identity.user.sessions_ended")).Single();
        audit.Reason.Should().Be("Device stolen");
        audit.Before.Should().Be("""{"activeSessions":2}""");

        var three = await api.SignIn(user.Email, user.Password);
        var admin = api.As((await api.SignInAdmin()).AccessToken);
        var viaApi = await admin.DeleteAsync($"/api/identity/users/{user.Id}/sessions");
        viaApi.StatusCode.Should().Be(HttpStatusCode.OK);
        (await viaApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32().Should().Be(1);
        (await api.As(three.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await console.AuditEntries(user.Id, "identity.user.sessions_ended", count: 2);
    }

    [Fact]
    public async Task Another_account_s_session_is_not_found()
    {
        var console = new AdminConsole(factory, api);
        var alice = await api.CreateUser(Roles.Clinician);
        var bob = await api.CreateUser(Roles.Clinician);
        var bobs = await api.SignIn(bob.Email, bob.Password);

        var end = () => console.Send(new EndUserSession(alice.Id, bobs.SessionId));

        await end.Should().ThrowAsync<NotFoundException>();
        (await api.As(bobs.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
