using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using VoiceAssist.Identity.Sessions.EndTimedOutPageSessions;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Sessions;

/// <summary>The clinician page's cookie session through the real host: the cookie's attributes, the idle timeout
/// (automatic logoff) and the absolute lifetime judged on the server from the stored session, activity sliding the idle
/// deadline, logout and revocation ending the session and its access tokens, and cross-site requests refused.</summary>
public sealed class PageSessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);
    private readonly IdentityApi api = new(factory);

    public void Dispose() => factory.Time.Reset();

    [Fact]
    public async Task Over_https_the_cookie_is_host_prefixed_secure_httponly_and_samesite_strict_and_no_token_reaches_the_page()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory, "https://localhost");

        var signIn = await page.SignIn(user.Email, user.Password);

        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await signIn.Content.ReadAsStringAsync();
        body.Should().Be("""{"status":"signed_in"}""", "the sign-in answer carries no token of any kind");
        var attributes = page.LastSetCookie!.Split(';', StringSplitOptions.TrimEntries);
        attributes[0].Should().StartWith("__Host-voiceassist-session=");
        attributes.Skip(1).Select(a => a.ToLowerInvariant()).Should().Contain(["path=/", "secure", "samesite=strict", "httponly"])
            .And.NotContain(a => a.StartsWith("domain", StringComparison.Ordinal) || a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));
        page.Cookie!.Value.Value.Should().NotContain(".", "the cookie is an opaque random secret, not a token with claims");
    }

    [Fact]
    public async Task Over_plain_http_on_loopback_the_cookie_works_without_the_secure_prefix()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);

        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Browsers refuse __Host- cookies from plain HTTP. (Whether it is marked Secure here is the transport cookie
        // policy's call: Security:Transport:SecureCookies, off in Development.)
        page.LastSetCookie.Should().StartWith("voiceassist-session=").And.Contain("httponly").And.Contain("samesite=strict");
        var token = await page.Token();
        var me = await api.As(token).GetAsync("/api/identity/me");
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().Should().Be(user.Id);
        var claims = new JsonWebToken(token);
        (claims.ValidTo - claims.IssuedAt).Should().Be(TimeSpan.FromMinutes(15), "page access tokens are the API's 15-minute tokens");
    }

    [Fact]
    public async Task Without_activity_the_session_ends_after_the_idle_timeout_and_its_access_tokens_stop_working()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);
        var signedInAt = factory.Time.GetUtcNow();

        factory.Time.Advance(IdleTimeout - TimeSpan.FromMinutes(1));
        var lastToken = await page.Token(active: false);
        (await api.As(lastToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromMinutes(2));

        (await api.As(lastToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "the token is two minutes old, but its session timed out: the server ends it, not the token's expiry");
        var refused = await page.AccessToken();
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a timer-driven refresh is not activity");
        page.Cookie.Should().BeNull("the host deletes the dead session's cookie");
        var logoff = (await Revocations(user.Id)).Should().ContainSingle().Subject;
        logoff.Reason.Should().Be("idle_timeout");
        logoff.OccurredAt.Should().BeCloseTo(signedInAt + IdleTimeout, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Activity_slides_the_idle_deadline()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);

        factory.Time.Advance(TimeSpan.FromMinutes(10));
        var active = await page.AccessToken(active: true);
        (await active.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idleExpiresIn").GetInt32().Should().BeCloseTo((int)IdleTimeout.TotalSeconds, 5);
        factory.Time.Advance(TimeSpan.FromMinutes(10));
        (await page.AccessToken()).StatusCode.Should().Be(HttpStatusCode.OK, "20 minutes after sign-in, but 10 after the last activity");
        factory.Time.Advance(TimeSpan.FromMinutes(6));

        (await page.AccessToken()).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "16 minutes after the last activity");
    }

    [Fact]
    public async Task The_session_ends_at_its_absolute_lifetime_however_active_the_user_is()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);
        var signedInAt = factory.Time.GetUtcNow();

        var elapsed = TimeSpan.Zero;
        HttpResponseMessage response;
        do
        {
            factory.Time.Advance(TimeSpan.FromMinutes(10));
            elapsed += TimeSpan.FromMinutes(10);
            response = await page.AccessToken(active: true);
        }
        while (response.StatusCode == HttpStatusCode.OK && elapsed < TimeSpan.FromHours(13));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        elapsed.Should().Be(TimeSpan.FromHours(12), "active every 10 minutes, it was refused at the 12-hour mark and not before");
        var logoff = (await Revocations(user.Id)).Should().ContainSingle().Subject;
        logoff.Reason.Should().Be("absolute_timeout");
        logoff.OccurredAt.Should().BeCloseTo(signedInAt + TimeSpan.FromHours(12), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Logout_revokes_the_session_and_every_access_token_issued_from_it()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);
        var first = await page.Token();
        var second = await page.Token(active: true);
        var cookie = page.Cookie;

        var logout = await page.Logout();

        logout.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Cookie.Should().BeNull();
        (await api.As(first).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(second).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        page.Cookie = cookie;
        (await page.AccessToken(active: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a copy of the cookie is worth nothing after logout");
        (await Revocations(user.Id)).Should().ContainSingle().Which.Reason.Should().Be("signed_out");
        (await OutboxPayloads("UserSignedIn")).Should().Contain(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_session_is_in_the_user_s_session_list_and_revoking_it_there_logs_the_page_off()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);
        var pageToken = await page.Token();
        var phone = api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

        var sessions = (await phone.GetFromJsonAsync<JsonElement>("/api/identity/me/sessions")).EnumerateArray().ToList();
        sessions.Should().HaveCount(2);
        var pageSession = sessions.Single(s => s.GetProperty("kind").GetString() == "page");
        pageSession.GetProperty("idleExpiresAt").GetDateTimeOffset().Should().BeCloseTo(factory.Time.GetUtcNow() + IdleTimeout, TimeSpan.FromSeconds(30));
        sessions.Single(s => s.GetProperty("kind").GetString() == "token").GetProperty("current").GetBoolean().Should().BeTrue();

        (await phone.DeleteAsync($"/api/identity/me/sessions/{pageSession.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await page.AccessToken(active: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(pageToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await phone.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_ending_a_user_s_sessions_ends_their_page_sessions_too()
    {
        var user = await api.CreateUser("clinician");
        var workstation = new PageClient(factory);
        var ward = new PageClient(factory);
        await workstation.SignIn(user.Email, user.Password);
        await ward.SignIn(user.Email, user.Password);
        var admin = api.As((await api.SignInAdmin()).AccessToken);

        var killed = await admin.DeleteAsync($"/api/identity/users/{user.Id}/sessions");

        (await killed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32().Should().Be(2);
        (await workstation.AccessToken(active: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ward.AccessToken(active: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Revocations(user.Id)).Select(r => r.Reason).Should().Equal("revoked_by_admin", "revoked_by_admin");
    }

    [Fact]
    public async Task Cross_site_requests_to_the_session_endpoints_are_refused()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);

        await page.SignIn(user.Email, user.Password);
        page.Cookie.Should().NotBeNull();
        var evil = "https://evil.example";

        (await page.AccessToken(fromOrigin: evil)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.AccessToken(fromOrigin: "http://localhost:8080")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "another port is another origin");
        (await page.AccessToken(fromOrigin: "")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "no Origin and no Sec-Fetch-Site");
        (await page.Post("/api/identity/session/access-token", new { active = true }, "", new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.Logout(fromOrigin: evil)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.AccessToken()).StatusCode.Should().Be(HttpStatusCode.OK, "the forged logout did not end the session");
        (await page.Post("/api/identity/session/access-token", new { active = true }, "", new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var victim = new PageClient(factory);
        (await victim.Post("/api/identity/session", new { email = user.Email, password = user.Password }, evil)).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "another site cannot sign the browser in (login CSRF)");
        victim.Cookie.Should().BeNull();
    }

    [Fact]
    public async Task The_page_asks_for_the_second_factor_and_accepts_a_totp_or_a_recovery_code()
    {
        var admin = await api.CreateUser("admin");
        var enrolled = await api.SignIn(admin.Email, admin.Password);
        var page = new PageClient(factory);

        var first = await page.SignIn(admin.Email, admin.Password);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("mfa_required");
        page.Cookie.Should().BeNull();
        (await page.SignIn(admin.Email, admin.Password, code: api.WrongCode(admin.Email))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await page.SignIn(admin.Email, admin.Password, code: api.NextCode(admin.Email))).StatusCode.Should().Be(HttpStatusCode.OK);
        new JsonWebToken(await page.Token()).GetPayloadValue<string[]>("amr").Should().Equal("pwd", "otp");

        var other = new PageClient(factory);
        (await other.SignIn(admin.Email, admin.Password, recoveryCode: enrolled.RecoveryCodes[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        new JsonWebToken(await other.Token()).GetPayloadValue<string[]>("amr").Should().Equal("pwd", "rec");
    }

    [Fact]
    public async Task Wrong_passwords_on_the_page_lock_the_account_on_every_path()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);

        for (var i = 0; i < 5; i++)
        {
            (await page.SignIn(user.Email, "wrong password number " + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "one counter for every path");
        page.Cookie.Should().BeNull();
        (await OutboxPayloads("UserLockedOut")).Should().Contain(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal));
        factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)); // the lock's bound, Identity:Lockout:Duration
        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_that_times_out_with_nobody_there_is_ended_and_recorded_once()
    {
        var user = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        await page.SignIn(user.Email, user.Password);
        factory.Time.Advance(IdleTimeout + TimeSpan.FromMinutes(1));

        await factory.Services.GetRequiredService<EndTimedOutPageSessions>().EndDue(CancellationToken.None);

        (await Revocations(user.Id)).Should().ContainSingle().Which.Reason.Should().Be("idle_timeout");
        (await page.AccessToken(active: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await factory.Services.GetRequiredService<EndTimedOutPageSessions>().EndDue(CancellationToken.None);
        (await Revocations(user.Id)).Should().ContainSingle("the logoff is recorded once");
    }

    private async Task<List<(string Reason, DateTimeOffset OccurredAt)>> Revocations(Guid userId) =>
        (await OutboxPayloads("SessionRevoked"))
            .Select(p => JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty("userId").GetGuid() == userId)
            .Select(e => (e.GetProperty("reason").GetString()!, e.GetProperty("occurredAt").GetDateTimeOffset()))
            .ToList();

    private Task<List<string>> OutboxPayloads(string eventName) => IdentityOutbox.Payloads(factory.DatabaseConnectionString, eventName);
}
