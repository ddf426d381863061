using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAssist.Identity.Data;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Passkeys;

/// <summary>The voice page in Debian's Chromium with a virtual platform authenticator (the DevTools protocol's
/// WebAuthn domain: CTAP2, internal transport, resident keys, user verification that succeeds): a clinician signed in
/// with their password adds a passkey from the page, signs out, and signs in again with the passkey alone.</summary>
public sealed class PasskeyBrowserTests(PasskeyBrowserTests.Host host, ITestOutputHelper output) : IClassFixture<PasskeyBrowserTests.Host>
{
    private const int Minute = 60_000;

    [Fact]
    public async Task A_clinician_adds_a_passkey_on_the_page_and_then_signs_in_with_it()
    {
        var (userId, email, password) = await CreateClinician();
        await using var chromium = await Chromium.Launch();
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var authenticator = (await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        }))!.Value.GetProperty("authenticatorId").GetString()!;

        // A relying party id must be a domain name, so the page is opened as localhost rather than 127.0.0.1.
        await page.GotoAsync($"http://localhost:{host.Root.Port}/");
        await page.Locator("#sign-in input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Minute });
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn", null, new() { Timeout = Minute });

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        var adding = page.GetByRole(AriaRole.Dialog, new() { Name = "Add a passkey" });
        await adding.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await adding.GetByLabel("Name for this passkey").FillAsync("Ward workstation");
        await adding.GetByRole(AriaRole.Button, new() { Name = "Add passkey" }).ClickAsync();
        await adding.GetByText("Passkey added").WaitForAsync(new() { Timeout = Minute });

        var stored = (await devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator }))!.Value
            .GetProperty("credentials");
        stored.GetArrayLength().Should().Be(1);
        stored[0].GetProperty("isResidentCredential").GetBoolean().Should().BeTrue("a discoverable passkey signs in without an email");
        Encoding.UTF8.GetString(Convert.FromBase64String(stored[0].GetProperty("userHandle").GetString()!)).Should()
            .Be(userId.ToString(), "the user handle is the account id, nothing personal");
        await adding.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.logoffs >= 1");
        await page.Locator("#sign-in input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeFalse();

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var sessions = await db.Sessions.Where(s => s.UserId == userId && s.Kind == "page").OrderBy(s => s.CreatedAt).ToListAsync();
        sessions.Select(s => s.AuthenticationMethods).Should().Equal("pwd", "hwk mfa");
        sessions[^1].RevokedAt.Should().BeNull();
        (await db.Passkeys.SingleAsync(p => p.UserId == userId)).Name.Should().Be("Ward workstation");

        // The new passkey and the sign-in with it reach the audit trail through Identity's outbox.
        await Eventually.Until(() => AuditActions(userId), actions => actions.Contains("identity.passkey.added") && actions.Contains("identity.user.signed_in:hwk+mfa"),
            because: "adding a passkey and signing in with it are audited");
    }

    private Task<List<string>> AuditActions(Guid userId) =>
        AuditTrail.Read(
            host.DatabaseConnectionString,
            "action || CASE WHEN action = 'identity.user.signed_in' THEN ':' || reason ELSE '' END",
            "resource_id = @value",
            userId.ToString());

    private Task<(Guid Id, string Email, string Password)> CreateClinician() => host.CreateAccount("clinician", "Dr Passkey");

    /// <summary>The host on a loopback port with sign-in required.</summary>
    public sealed class Host : LiveHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Identity:RequireAuthenticatedUser"] = "true",
            ["Identity:RateLimits:KeyPrefix"] = "ratelimit-" + Guid.NewGuid().ToString("N"),
        };
    }
}
