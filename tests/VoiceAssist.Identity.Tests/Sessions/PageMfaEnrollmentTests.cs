using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Sessions;

/// <summary>An account that must use MFA enrolls an authenticator while signing in to the page
/// (<c>POST /api/identity/session/mfa/enrollment</c> and <c>/confirm</c>): every step repeats the password through the
/// same sign-in command, no MFA token reaches the browser, a wrong code keeps the pending secret, the confirmation
/// starts the page's cookie session, and the lockout, the rate limits and the cross-site check apply as on every other
/// sign-in path.</summary>
public sealed partial class PageMfaEnrollmentTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IDisposable
{
    private const string Begin = "/api/identity/session/mfa/enrollment";
    private const string Confirm = "/api/identity/session/mfa/enrollment/confirm";
    private readonly IdentityApi api = new(factory);

    public void Dispose() => factory.Time.Reset();

    [Fact]
    public async Task An_auditor_enrolls_on_the_page_gets_recovery_codes_once_and_a_cookie_session_and_no_mfa_token_reaches_the_page()
    {
        var auditor = await api.CreateUser("auditor");
        var page = new PageClient(factory);
        var bodies = new List<string>();

        var signIn = await page.SignIn(auditor.Email, auditor.Password);
        bodies.Add(await signIn.Content.ReadAsStringAsync());
        bodies[^1].Should().Be("""{"status":"mfa_enrollment_required"}""");

        var begun = await page.Post(Begin, new { email = auditor.Email, password = auditor.Password });
        bodies.Add(await begun.Content.ReadAsStringAsync());
        begun.StatusCode.Should().Be(HttpStatusCode.OK, bodies[^1]);
        begun.Headers.CacheControl!.NoStore.Should().BeTrue("the shared key must not be cached");
        var setup = JsonDocument.Parse(bodies[^1]).RootElement;
        setup.GetProperty("status").GetString().Should().Be("mfa_enrollment_required");
        var secret = setup.GetProperty("authenticator").GetProperty("sharedKey").GetString()!;
        setup.GetProperty("authenticator").GetProperty("qrCodeDataUri").GetString().Should().StartWith("data:image/png;base64,");
        page.Cookie.Should().BeNull("no session before the authenticator is proved");

        var wrong = await page.Post(Confirm, new { email = auditor.Email, password = auditor.Password, code = WrongCode(secret) });
        bodies.Add(await wrong.Content.ReadAsStringAsync());
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(bodies[^1]).RootElement.GetProperty("errors").GetProperty("code")[0].GetString().Should().Contain("does not match");
        page.Cookie.Should().BeNull();

        // The same key still works after the wrong code: the page need not show a new QR code.
        var confirmed = await page.Post(Confirm, new { email = auditor.Email, password = auditor.Password, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) });
        bodies.Add(await confirmed.Content.ReadAsStringAsync());
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK, bodies[^1]);
        confirmed.Headers.CacheControl!.NoStore.Should().BeTrue("recovery codes must not be cached");
        var enrolled = JsonDocument.Parse(bodies[^1]).RootElement;
        enrolled.GetProperty("status").GetString().Should().Be("signed_in");
        var recoveryCodes = enrolled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recoveryCodes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        page.LastSetCookie.Should().StartWith("voiceassist-session=").And.Contain("httponly").And.Contain("samesite=strict");

        var token = await page.Token();
        new JsonWebToken(token).GetPayloadValue<string[]>("amr").Should().Equal("pwd", "otp");
        var me = await api.As(token).GetFromJsonAsync<JsonElement>("/api/identity/me");
        me.GetProperty("mfaEnabled").GetBoolean().Should().BeTrue();
        (await api.As(token).GetFromJsonAsync<JsonElement>("/api/identity/me/sessions")).EnumerateArray()
            .Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("page");

        bodies.Should().NotContain(b => Jwt().IsMatch(b) || b.Contains("mfaToken", StringComparison.OrdinalIgnoreCase),
            "the MFA token between the steps stays on the server");
        (await OutboxPayloads("MfaEnabled")).Should().Contain(p => p.Contains(auditor.Id.ToString(), StringComparison.Ordinal));

        // The account now signs in with the authenticator or one of the recovery codes, never by enrolling again.
        var again = new PageClient(factory);
        var mfaRequired = await again.Post(Begin, new { email = auditor.Email, password = auditor.Password });
        (await mfaRequired.Content.ReadAsStringAsync()).Should().Be("""{"status":"mfa_required"}""");
        again.Cookie.Should().BeNull();
        (await again.SignIn(auditor.Email, auditor.Password, recoveryCode: recoveryCodes[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        new JsonWebToken(await again.Token()).GetPayloadValue<string[]>("amr").Should().Equal("pwd", "rec");
    }

    [Fact]
    public async Task Wrong_passwords_on_the_enrollment_steps_lock_the_account_on_every_path()
    {
        var admin = await api.CreateUser("admin");
        var page = new PageClient(factory);
        var secret = await BeginOnPage(page, admin);

        for (var i = 0; i < 5; i++)
        {
            var path = i % 2 == 0 ? Begin : Confirm;
            var response = await page.Post(path, new { email = admin.Email, password = "wrong password number " + i, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) });
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed.").And.NotContain("sharedKey");
        }

        var locked = await page.Post(Confirm, new { email = admin.Email, password = admin.Password, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) });
        locked.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked, so even the right password and code fail");
        (await page.Post(Begin, new { email = admin.Email, password = admin.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.PostPassword(admin.Email, admin.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "one counter for every path");
        page.Cookie.Should().BeNull();
        (await OutboxPayloads("UserLockedOut")).Should().Contain(p => p.Contains(admin.Id.ToString(), StringComparison.Ordinal));
        (await OutboxPayloads("SignInFailed")).Count(p => p.Contains(admin.Id.ToString(), StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(6);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id);
            user.TwoFactorEnabled.Should().BeFalse("nothing was enrolled while locked");
        }

        factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)); // the lock's bound, Identity:Lockout:Duration
        (await page.Post(Confirm, new { email = admin.Email, password = admin.Password, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "after the lockout the pending authenticator is confirmed");
        page.Cookie.Should().NotBeNull();
    }

    [Fact]
    public async Task Cross_site_requests_to_the_enrollment_steps_are_refused()
    {
        var admin = await api.CreateUser("admin");
        var page = new PageClient(factory);
        var body = new { email = admin.Email, password = admin.Password };

        (await page.Post(Begin, body, "https://evil.example")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.Post(Begin, body, "")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "no Origin and no Sec-Fetch-Site");
        (await page.Post(Begin, body, "", new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id);
            user.PendingTotpSecret.Should().BeNull("the refused requests began no enrollment");
        }

        var secret = await BeginOnPage(page, admin);
        var confirm = new { email = admin.Email, password = admin.Password, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) };
        (await page.Post(Confirm, confirm, "https://evil.example")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.Post(Confirm, confirm, "http://localhost:8080")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "another port is another origin");
        page.Cookie.Should().BeNull("another site cannot finish the enrollment and sign the browser in");
        (await page.Post(Confirm, confirm, "", new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin" })).StatusCode.Should().Be(HttpStatusCode.OK);
        page.Cookie.Should().NotBeNull();
    }

    [Fact]
    public async Task A_clinician_without_required_mfa_is_never_asked_to_enroll_and_gets_no_shared_key()
    {
        var clinician = await api.CreateUser("clinician");
        var page = new PageClient(factory);

        var response = await page.Post(Begin, new { email = clinician.Email, password = clinician.Password });

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"signed_in"}""", "the step signs in like the page's sign-in and begins nothing");
        page.Cookie.Should().NotBeNull();
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == clinician.Id);
        user.PendingTotpSecret.Should().BeNull();
    }

    private async Task<string> BeginOnPage(PageClient page, TestUser user)
    {
        var begun = await page.Post(Begin, new { email = user.Email, password = user.Password });
        begun.StatusCode.Should().Be(HttpStatusCode.OK, await begun.Content.ReadAsStringAsync());
        return (await begun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authenticator").GetProperty("sharedKey").GetString()!;
    }

    /// <summary>A well-formed code that no step of the drift window accepts now.</summary>
    private string WrongCode(string secret)
    {
        var now = factory.Time.GetUtcNow();
        var valid = Enumerable.Range(-1, 3).Select(d => TestTotp.Code(secret, now.AddSeconds(30 * d))).ToHashSet();
        return Enumerable.Range(100, 50).Select(back => TestTotp.Code(secret, now.AddSeconds(-30 * back))).First(code => !valid.Contains(code));
    }

    private Task<List<string>> OutboxPayloads(string eventName) => IdentityOutbox.Payloads(factory.DatabaseConnectionString, eventName);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();
}

/// <summary>The enrollment steps count toward the per-account sign-in limit and the per-address one, like the
/// page's sign-in and the token API.</summary>
public sealed class PageMfaEnrollmentRateLimitTests(PageMfaEnrollmentRateLimitTests.Factory factory) : IClassFixture<PageMfaEnrollmentRateLimitTests.Factory>
{
    [Fact]
    public async Task The_enrollment_steps_share_the_per_account_and_per_address_sign_in_limits()
    {
        var api = new IdentityApi(factory);
        var auditor = await api.CreateUser("auditor");
        var page = new PageClient(factory);

        var signIn = (await page.SignIn(auditor.Email, auditor.Password)).StatusCode;
        var begun = await page.Post("/api/identity/session/mfa/enrollment", new { email = auditor.Email, password = auditor.Password });
        var secret = (await begun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authenticator").GetProperty("sharedKey").GetString()!;
        var valid = Enumerable.Range(-1, 3).Select(d => TestTotp.Code(secret, factory.Time.GetUtcNow().AddSeconds(30 * d))).ToHashSet();
        var wrongCode = new[] { "000000", "111111", "222222" }.First(code => !valid.Contains(code));
        var wrong = (await page.Post("/api/identity/session/mfa/enrollment/confirm", new { email = auditor.Email, password = auditor.Password, code = wrongCode })).StatusCode;
        var refused = await page.Post("/api/identity/session/mfa/enrollment/confirm", new { email = auditor.Email, password = auditor.Password, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) });

        new[] { signIn, begun.StatusCode, wrong }.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the fourth attempt on the account this minute, even with the right code");
        page.Cookie.Should().BeNull();
        (await api.PostPassword(auditor.Email, auditor.Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "one budget for every path");

        // Each further request names another account once, so only the address's own limit can refuse it.
        var others = new List<HttpStatusCode>();
        for (var i = 0; i < 40 && !others.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            others.Add((await page.Post("/api/identity/session/mfa/enrollment", new { email = $"someone{i}.{Guid.NewGuid():N}@hospital.example", password = "guess" })).StatusCode);
        }

        others.Should().EndWith(HttpStatusCode.TooManyRequests, "the address's limit applies to the enrollment step");
        others.SkipLast(1).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        others.Count.Should().BeLessThanOrEqualTo(PerAddressLimit, "the address had already spent part of its budget on the steps above");
    }

    private const int PerAddressLimit = 15;

    public sealed class Factory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Identity:RateLimits:SignInPerMinutePerAccount"] = "3",
            ["Identity:RateLimits:SignInPerMinutePerIp"] = PerAddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
