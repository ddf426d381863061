using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>Sign-in through the provider in a real browser: provisioning, role mapping on every sign-in, the page's
/// cookie session it ends in, logout, and the provider's own access tokens on the API.</summary>
public sealed class SignInWithProviderTests(SsoFactory factory) : IClassFixture<SsoFactory>
{
    private string LoginUrl => $"{factory.BaseUrl}/api/identity/sso/{SsoFactory.ProviderName}/login";

    private string CallbackUrl => $"{factory.BaseUrl}/api/identity/sso/{SsoFactory.ProviderName}/callback";

    /// <summary>Where the callback sends the browser once the cookie session has begun: the voice page.</summary>
    private string PageUrl => $"{factory.BaseUrl}/";

    [Fact]
    public async Task Provisions_on_first_sign_in_reuses_the_account_follows_group_changes_and_logs_out()
    {
        await using var browser = await SsoBrowser.Launch();
        await factory.Provider.SetGroups("dr.grey", "voiceassist-clinicians", "radiology");

        var firstPage = await browser.SignIn(LoginUrl, PageUrl, "dr.grey");
        var first = await PageAccessToken(firstPage);
        var firstCaller = await Caller(first);
        firstCaller.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Clinician);
        var userId = firstCaller.GetProperty("userId").GetGuid();
        (await LinksOf(userId)).Should().Equal(("hospital", "dr.grey"));

        var second = await PageAccessToken(await browser.SignIn(LoginUrl, PageUrl, "dr.grey"));
        (await Caller(second)).GetProperty("userId").GetGuid().Should().Be(userId);

        await factory.Provider.SetGroups("dr.grey", "voiceassist-admins");
        var thirdPage = await browser.SignIn(LoginUrl, PageUrl, "dr.grey");
        var third = await PageAccessToken(thirdPage);
        var thirdCaller = await Caller(third);
        thirdCaller.GetProperty("userId").GetGuid().Should().Be(userId);
        thirdCaller.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Admin);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            (await db.Users.CountAsync(u => u.Email == "dr.grey@hospital.example")).Should().Be(1);
            (await db.Users.SingleAsync(u => u.Id == userId)).Role.Should().Be(Roles.Admin);
            (await db.Sessions.Where(s => s.UserId == userId).Select(s => s.Kind).Distinct().ToListAsync()).Should().Equal("page");
        }

        // The browser holds a cookie session and nothing else: no token in the page's storage.
        var stored = await thirdPage.EvaluateAsync<string[]>("""
            () => [sessionStorage, localStorage].flatMap(storage => Object.keys(storage).map(key => key + "=" + storage.getItem(key)))
            """);
        stored.Should().NotContain(entry => entry.Contains("eyJ", StringComparison.Ordinal) || entry.Contains("token", StringComparison.OrdinalIgnoreCase));
        (await browser.Context.CookiesAsync()).Should().Contain(c => c.Name == "voiceassist-session" && c.HttpOnly && c.SameSite == Microsoft.Playwright.SameSiteAttribute.Strict);

        var logout = await thirdPage.EvaluateAsync<JsonElement>("""
            async () => (await fetch("/api/identity/session/logout", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json()
            """);
        var endSession = logout.GetProperty("endSessionUrl").GetString()!;
        endSession.Should().StartWith(factory.Provider.Issuer + "/session/end").And.Contain("id_token_hint=");
        using var client = Client(third);
        (await client.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await thirdPage.EvaluateAsync<int>("""
            async () => (await fetch("/api/identity/session/access-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status
            """)).Should().Be(401);
        // The first session is still live: logout ends the session it was called with, no other.
        (await Client(first).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        // At the provider: confirm the logout and come back to the post-logout address.
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(endSession);
        if (!page.Url.StartsWith(factory.BaseUrl, StringComparison.Ordinal))
        {
            await page.ClickAsync("button[autofocus], button[type=submit]");
            await page.WaitForURLAsync(url => url.StartsWith(factory.BaseUrl, StringComparison.Ordinal));
        }

        // The provider's session ended too: the next sign-in asks for the password again.
        var again = await browser.Context.NewPageAsync();
        await again.GotoAsync(LoginUrl);
        (await again.Locator("input[name=login]").CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_voice_page_offers_the_provider_and_comes_back_signed_in_to_a_cookie_session()
    {
        await using var browser = await SsoBrowser.Launch();
        await factory.Provider.SetGroups("dr.bailey", "voiceassist-clinicians");
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(PageUrl);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = $"Sign in with {SsoFactory.ProviderName}" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(factory.Provider.Issuer, StringComparison.Ordinal));
        await SsoBrowser.AnswerProvider(page, PageUrl, "dr.bailey");

        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = 60_000 });
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeFalse();
        (await browser.Context.CookiesAsync()).Should().Contain(c => c.Name == "voiceassist-session" && c.HttpOnly);
    }

    [Fact]
    public async Task Refuses_a_user_whose_groups_map_to_no_role()
    {
        await using var browser = await SsoBrowser.Launch();
        await factory.Provider.SetGroups("visitor", "cafeteria");
        var page = await browser.SignIn(LoginUrl, CallbackUrl, "visitor");
        (await SsoBrowser.JsonOf(page)).GetProperty("status").GetInt32().Should().Be(401);
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AnyAsync(u => u.Email == "visitor@hospital.example")).Should().BeFalse();
    }

    [Fact]
    public async Task Accepts_the_providers_access_token_for_a_linked_account_and_refuses_a_tampered_one()
    {
        await using var browser = await SsoBrowser.Launch();
        await factory.Provider.SetGroups("dr.yang", "voiceassist-auditors");
        var signedIn = await PageAccessToken(await browser.SignIn(LoginUrl, PageUrl, "dr.yang"));
        var userId = (await Caller(signedIn)).GetProperty("userId").GetGuid();

        var token = await ProviderAccessToken(browser, "dr.yang");
        using var response = await Client(token).GetAsync("/api/identity/sso/caller");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
        caller.GetProperty("userId").GetGuid().Should().Be(userId);
        caller.GetProperty("provider").GetString().Should().Be(SsoFactory.ProviderName);
        caller.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Auditor);
        // An auditor's token opens what the auditor role opens, and nothing of an administrator's.
        (await Client(token).PostAsJsonAsync("/api/identity/users", new { email = "new.user@hospital.example", displayName = "New User", role = Roles.Admin }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["groups"] = JsonSerializer.SerializeToElement(new[] { "voiceassist-admins" });
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
        (await Client(tampered).GetAsync("/api/identity/sso/caller")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refuses_a_provider_token_whose_subject_never_signed_in_here()
    {
        var token = await factory.Provider.ClientCredentialsToken();
        (await Client(token).GetAsync("/api/identity/sso/caller")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_the_provider_sign_in_and_its_provider_token_and_page_session_stop_working()
    {
        await using var browser = await SsoBrowser.Launch();
        await factory.Provider.SetGroups("dr.webber", "voiceassist-clinicians");
        var page = await browser.SignIn(LoginUrl, PageUrl, "dr.webber");
        var userId = (await Caller(await PageAccessToken(page))).GetProperty("userId").GetGuid();
        var providerToken = await ProviderAccessToken(browser, "dr.webber");
        (await Client(providerToken).GetAsync("/api/identity/sso/caller")).StatusCode.Should().Be(HttpStatusCode.OK);

        await new AdminConsole(factory, new IdentityApi(factory)).Send(new DisableUser(userId, "Left the trust"), await BootstrapAdministrator());

        (await Client(providerToken).GetAsync("/api/identity/sso/caller")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the provider still vouches, but the account is disabled here");
        var refreshed = await page.EvaluateAsync<int>("""
            async () => (await fetch("/api/identity/session/access-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status
            """);
        refreshed.Should().Be(401, "the page's cookie session ended with the account");
        var again = await browser.SignIn(LoginUrl, CallbackUrl, "dr.webber");
        (await SsoBrowser.JsonOf(again)).GetProperty("status").GetInt32().Should().Be(401);
    }

    private async Task<Caller> BootstrapAdministrator()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users
            .Where(u => u.Email == IdentityFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        return new Caller(id, Guid.NewGuid(), Roles.Admin);
    }

    /// <summary>A real access token of the provider for this API (RFC 8707 resource indicator), obtained by the test
    /// as another client of the provider would: the code is read from the browser's redirect to the callback.</summary>
    private async Task<string> ProviderAccessToken(SsoBrowser browser, string login)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        string? code = null;
        string? redirect = null;
        // The host answers this callback with 401 (the state is not one it issued) and never redeems the code.
        browser.Context.Request += (_, request) =>
        {
            if (request.Url.StartsWith(CallbackUrl, StringComparison.Ordinal))
            {
                redirect = request.Url;
                code = System.Web.HttpUtility.ParseQueryString(new Uri(request.Url).Query)["code"];
            }
        };
        var authorize = $"{factory.Provider.Issuer}/auth?response_type=code&client_id={TestProvider.ClientId}&redirect_uri={Uri.EscapeDataString(CallbackUrl)}"
            + $"&scope=openid%20api&resource={Uri.EscapeDataString(TestProvider.ApiAudience)}&state=s&nonce=n&code_challenge={challenge}&code_challenge_method=S256";
        await browser.SignIn(authorize, CallbackUrl, login);
        code.Should().NotBeNull(redirect);
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(factory.Provider.Issuer + "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = CallbackUrl,
            ["client_id"] = TestProvider.ClientId,
            ["client_secret"] = TestProvider.ClientSecret,
            ["code_verifier"] = verifier,
            ["resource"] = TestProvider.ApiAudience,
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>What the voice page does after a provider sign-in: asks its cookie session for an access token.</summary>
    private static async Task<string> PageAccessToken(Microsoft.Playwright.IPage page)
    {
        var access = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const response = await fetch("/api/identity/session/access-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
              return { status: response.status, body: await response.json() };
            }
            """);
        access.GetProperty("status").GetInt32().Should().Be(200, access.ToString());
        return access.GetProperty("body").GetProperty("accessToken").GetString()!;
    }

    private HttpClient Anonymous() => new() { BaseAddress = new Uri(factory.BaseUrl) };

    private HttpClient Client(string accessToken)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private async Task<JsonElement> Caller(string accessToken)
    {
        using var client = Client(accessToken);
        var response = await client.GetAsync("/api/identity/sso/caller");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<(string, string)>> LinksOf(Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return (await db.ExternalLogins.Where(l => l.UserId == userId).ToListAsync()).Select(l => (l.Provider, l.Subject)).ToList();
    }
}
