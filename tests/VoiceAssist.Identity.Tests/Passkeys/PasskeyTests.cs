using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing.Passkeys;

namespace VoiceAssist.Identity.Tests.Passkeys;

/// <summary>Passkeys through the real host with a software authenticator that answers like a browser: registration
/// after re-authentication, sign-in to the page with the same cookie session as a password gives (recorded as
/// two factors), and the checks that make a passkey phishing-resistant and single-use: the origin, the relying party,
/// user verification, one answer per challenge; only the owner removes one; failures lock the account.</summary>
public sealed class PasskeyTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IDisposable
{
    private readonly IdentityApi api = new(factory);

    public void Dispose() => factory.Time.Reset();

    [Fact]
    public async Task A_user_registers_a_passkey_and_signs_in_to_the_page_with_it_alone()
    {
        var user = await api.CreateUser("clinician");
        using var authenticator = new SoftwareAuthenticator();
        var client = await SignedInClient(user);

        var added = await Register(client, user, authenticator, "Ward laptop");

        added.GetProperty("name").GetString().Should().Be("Ward laptop");
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/identity/me/passkeys");
        listed.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).Should().Equal(added.GetProperty("id").GetGuid());

        var page = new PageClient(factory);
        var signIn = await SignInWithPasskey(page, authenticator);

        signIn.StatusCode.Should().Be(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        (await signIn.Content.ReadAsStringAsync()).Should().Be("""{"status":"signed_in"}""");
        page.Cookie.Should().NotBeNull("the passkey gives the same cookie session as a password");
        var me = await api.As(await page.Token()).GetFromJsonAsync<JsonElement>("/api/identity/me");
        me.GetProperty("id").GetGuid().Should().Be(user.Id);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var session = await db.Sessions.Where(s => s.UserId == user.Id && s.Kind == "page").SingleAsync();
        session.AuthenticationMethods.Should().Be("hwk mfa", "a passkey with user verification is two factors");
        (await db.Passkeys.SingleAsync(p => p.UserId == user.Id)).LastUsedAt.Should().NotBeNull();
        var events = await Outbox();
        events.Should().Contain(e => e.Type == "PasskeyAdded" && e.Payload.Contains(user.Id.ToString(), StringComparison.Ordinal));
        events.Should().Contain(e => e.Type == "UserSignedIn" && e.Payload.Contains(session.Id.ToString(), StringComparison.Ordinal) && e.Payload.Contains("\"hwk\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_a_passkey_needs_the_password_again()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);

        var refused = await client.PostAsJsonAsync("/api/identity/me/passkeys/options", new { password = "not the password" });

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Outbox()).Should().Contain(e => e.Type == "SignInFailed" && e.Payload.Contains(user.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_from_another_origin_is_refused_at_registration_and_at_sign_in()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var phished = new SoftwareAuthenticator { Origin = "http://localhost.evil.example" };

        var options = await RegistrationOptions(client, user);
        var registered = await client.PostAsJsonAsync("/api/identity/me/passkeys", new { options.CeremonyId, credential = phished.Create(options.Options) });
        registered.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the page that asked is not ours");

        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);
        authenticator.Origin = "http://localhost.evil.example";
        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await FailedAttempts(user.Id)).Should().Be(1, "a refused passkey counts as a failed sign-in");
    }

    [Fact]
    public async Task A_passkey_made_for_another_relying_party_is_refused()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);

        authenticator.RelyingPartyId = "evil.example";

        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_passkey_answer_without_user_verification_is_refused()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);

        authenticator.UserVerified = false;

        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "possession alone is one factor; the authenticator must have checked the user");
    }

    [Fact]
    public async Task A_replayed_answer_is_refused_even_though_its_signature_is_valid()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);
        var page = new PageClient(factory);
        var started = await page.Post("/api/identity/session/passkey/options", new { });
        var challenge = await started.Content.ReadFromJsonAsync<JsonElement>();
        var answer = new { ceremonyId = challenge.GetProperty("ceremonyId").GetGuid(), credential = authenticator.Get(challenge.GetProperty("options")) };

        (await page.Post("/api/identity/session/passkey", answer)).StatusCode.Should().Be(HttpStatusCode.OK);
        var replay = new PageClient(factory);
        (await replay.Post("/api/identity/session/passkey", answer)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a challenge is good for one answer");
        replay.Cookie.Should().BeNull();
    }

    [Fact]
    public async Task An_expired_challenge_is_refused()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);
        var page = new PageClient(factory);
        var challenge = await (await page.Post("/api/identity/session/passkey/options", new { })).Content.ReadFromJsonAsync<JsonElement>();

        factory.Time.Advance(TimeSpan.FromMinutes(6));

        var answer = new { ceremonyId = challenge.GetProperty("ceremonyId").GetGuid(), credential = authenticator.Get(challenge.GetProperty("options")) };
        (await page.Post("/api/identity/session/passkey", answer)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Passkey_sign_in_is_refused_from_another_site()
    {
        var page = new PageClient(factory);

        (await page.Post("/api/identity/session/passkey/options", new { }, fromOrigin: "http://evil.example")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_cannot_remove_another_users_passkey_but_removes_their_own()
    {
        var owner = await api.CreateUser("clinician");
        var other = await api.CreateUser("clinician");
        var ownerClient = await SignedInClient(owner);
        var otherClient = await SignedInClient(other);
        using var authenticator = new SoftwareAuthenticator();
        var passkeyId = (await Register(ownerClient, owner, authenticator)).GetProperty("id").GetGuid();

        (await otherClient.DeleteAsync($"/api/identity/me/passkeys/{passkeyId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClient.GetFromJsonAsync<JsonElement>("/api/identity/me/passkeys")).GetArrayLength().Should().Be(0, "nobody sees another user's passkeys");
        (await ownerClient.GetFromJsonAsync<JsonElement>("/api/identity/me/passkeys")).GetArrayLength().Should().Be(1);

        (await ownerClient.DeleteAsync($"/api/identity/me/passkeys/{passkeyId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a removed passkey no longer signs in");
        (await Outbox()).Should().Contain(e => e.Type == "PasskeyRemoved" && e.Payload.Contains(passkeyId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passkey_failures_lock_the_account_and_a_locked_account_is_refused_even_a_good_passkey()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);

        authenticator.Origin = "http://localhost.evil.example";
        for (var i = 0; i < 5; i++)
        {
            (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        authenticator.Origin = "http://localhost";
        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "one lock for every way in");
        (await Outbox()).Should().Contain(e => e.Type == "UserLockedOut" && e.Payload.Contains(user.Id.ToString(), StringComparison.Ordinal));

        factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)); // the lock's bound, Identity:Lockout:Duration
        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FailedAttempts(user.Id)).Should().Be(0, "a complete sign-in resets the counter");
    }

    [Fact]
    public async Task A_disabled_account_is_refused_even_a_good_passkey_until_it_is_enabled_again()
    {
        var user = await api.CreateUser("clinician");
        var client = await SignedInClient(user);
        using var authenticator = new SoftwareAuthenticator();
        await Register(client, user, authenticator);
        var console = new AdminConsole(factory, api);

        await console.Send(new DisableUser(user.Id, "Suspended pending review"));

        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Outbox()).Where(e => e.Type == "SignInFailed").Select(e => JsonDocument.Parse(e.Payload).RootElement)
            .Should().Contain(e => e.GetProperty("userId").GetString() == user.Id.ToString()
                && e.GetProperty("method").GetString() == "hwk" && e.GetProperty("reason").GetString() == "account_disabled");
        (await FailedAttempts(user.Id)).Should().Be(0, "a refusal of a disabled account is not a guess");

        await console.Send(new EnableUser(user.Id, "Review closed"));
        (await SignInWithPasskey(new PageClient(factory), authenticator)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpClient> SignedInClient(TestUser user) => api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

    private static async Task<(Guid CeremonyId, JsonElement Options)> RegistrationOptions(HttpClient client, TestUser user)
    {
        var started = await client.PostAsJsonAsync("/api/identity/me/passkeys/options", new { password = user.Password });
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var options = body.GetProperty("options");
        options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString().Should().Be("required");
        options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().Should().Be("required");
        return (body.GetProperty("ceremonyId").GetGuid(), options);
    }

    private static async Task<JsonElement> Register(HttpClient client, TestUser user, SoftwareAuthenticator authenticator, string name = "Passkey")
    {
        var (ceremonyId, options) = await RegistrationOptions(client, user);
        var registered = await client.PostAsJsonAsync("/api/identity/me/passkeys", new { ceremonyId, credential = authenticator.Create(options), name });
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return await registered.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SignInWithPasskey(PageClient page, SoftwareAuthenticator authenticator)
    {
        var started = await page.Post("/api/identity/session/passkey/options", new { });
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var challenge = await started.Content.ReadFromJsonAsync<JsonElement>();
        JsonObject credential = authenticator.Get(challenge.GetProperty("options"));
        return await page.Post("/api/identity/session/passkey", new { ceremonyId = challenge.GetProperty("ceremonyId").GetGuid(), credential });
    }

    private async Task<int> FailedAttempts(Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        // Failures are counted per account and client address; this sums every address's count.
        return await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().SignInThrottles.AsNoTracking().Where(t => t.UserId == userId).SumAsync(t => t.FailedAttempts);
    }

    private Task<List<(string Type, string Payload)>> Outbox() => IdentityOutbox.Events(factory.DatabaseConnectionString);
}
