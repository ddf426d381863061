using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAssist.Identity.Data;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Sessions;

/// <summary>The voice page in Debian's Chromium against the real host with sign-in required and an idle timeout of a
/// few seconds: the clinician signs in through the page's dialog, the browser holds only an HttpOnly cookie (no
/// token in script-readable storage), and after the idle timeout the page logs off by itself, clearing the
/// conversation from the screen.</summary>
public sealed partial class PageSessionBrowserTests(PageSessionBrowserTests.Host host, ITestOutputHelper output) : IClassFixture<PageSessionBrowserTests.Host>
{
    private const int IdleSeconds = 12;
    private const int Minute = 60_000;

    [Fact]
    public async Task The_page_signs_in_keeps_no_token_in_storage_and_logs_off_after_the_idle_timeout()
    {
        var (userId, email, password) = await CreateClinician();
        await using var chromium = await Chromium.Launch();
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        await page.GotoAsync(host.Root.ToString());

        var dialog = page.Locator("#sign-in");
        await dialog.Locator("input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Minute });
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });
        (await dialog.IsVisibleAsync()).Should().BeFalse();

        var cookie = (await context.CookiesAsync()).Should().ContainSingle(c => c.Name == "voiceassist-session").Subject;
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(SameSiteAttribute.Strict);
        cookie.Path.Should().Be("/");
        (await page.EvaluateAsync<string>("() => document.cookie")).Should().NotContain(cookie.Value, "script cannot read the session cookie");
        var stored = await page.EvaluateAsync<string[]>("""
            () => [sessionStorage, localStorage].flatMap(storage => Object.keys(storage).map(key => key + "=" + storage.getItem(key)))
            """);
        output.WriteLine("page storage: " + string.Join(", ", stored));
        stored.Should().NotContain(entry => Jwt().IsMatch(entry) || entry.Contains(cookie.Value, StringComparison.Ordinal) || entry.Contains("token", StringComparison.OrdinalIgnoreCase),
            "no access token, refresh token or session secret in script-readable storage");

        await page.GetByLabel("Type instead").FillAsync("Calculate CHA2DS2-VASc for a patient with hypertension");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 1", null, new() { Timeout = Minute });
        (await page.Locator("#transcript li").CountAsync()).Should().BePositive();
        (await page.Locator("#caption-said").TextContentAsync()).Should().NotBeNullOrEmpty();
        var lastActivity = DateTimeOffset.UtcNow;

        await page.WaitForFunctionAsync("() => voiceAssistTest.logoffs >= 1", null, new() { Timeout = 4 * IdleSeconds * 1000 });
        var loggedOffAfter = DateTimeOffset.UtcNow - lastActivity;
        output.WriteLine($"automatic logoff {loggedOffAfter.TotalSeconds:F1} s after the last activity (idle timeout {IdleSeconds} s)");

        await dialog.Locator("input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        (await page.Locator("#sign-in-reason").TextContentAsync()).Should().Contain("without activity");
        (await page.Locator("#transcript li").CountAsync()).Should().Be(0, "the conversation is cleared from the screen");
        (await page.Locator("#caption-heard").TextContentAsync()).Should().BeEmpty();
        (await page.Locator("#caption-said").TextContentAsync()).Should().BeEmpty();
        (await page.EvaluateAsync<int>("""
            async () => (await fetch("/api/identity/session/access-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{\"active\":true}" })).status
            """)).Should().Be(401, "the server ended the session, not only the page");
        Guid sessionId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var ended = await db.Sessions.Where(s => s.UserId == userId).ToListAsync();
            ended.Select(s => s.RevokedReason).Should().Equal("idle_timeout");
            sessionId = ended[0].Id;
        }

        // The automatic logoff reaches the audit trail through Identity's outbox.
        await Eventually.Until(() => AuditReasons(sessionId), reasons => reasons.Contains("idle_timeout"), because: "the logoff is audited");

        // Signing in again brings the page back.
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_the_session_on_the_server()
    {
        var (userId, email, password) = await CreateClinician();
        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(host.Root.ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.WaitForFunctionAsync("() => voiceAssistTest.logoffs >= 1");
        await page.Locator("#sign-in input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        (await db.Sessions.Where(s => s.UserId == userId).Select(s => s.RevokedReason).ToListAsync()).Should().Equal("signed_out");
    }

    [Fact]
    public async Task An_administrators_kill_logs_the_page_off_at_once_through_its_voice_socket()
    {
        var (userId, email, password) = await CreateClinician();
        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        await page.GotoAsync(host.Root.ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });

        using var admin = await host.CreateSignedInClient("admin");
        var killedAt = DateTimeOffset.UtcNow;
        (await admin.DeleteAsync($"/api/identity/users/{userId}/sessions")).IsSuccessStatusCode.Should().BeTrue();

        // Well before the idle timeout or the token's refresh: the socket's 4401 close is what logs the page off.
        await page.WaitForFunctionAsync("() => voiceAssistTest.logoffs >= 1", null, new() { Timeout = 4 * IdleSeconds * 1000 });
        output.WriteLine($"page logged off {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:F1} s after the administrator's kill");
        (await page.EvaluateAsync<string>("() => voiceAssistTest.lastLogoff")).Should().Be("ended");
        (await page.Locator("#sign-in-reason").TextContentAsync()).Should().Contain("ended");
        var socketsAtLogoff = Volatile.Read(ref sockets);
        await Task.Delay(3000);
        (await page.EvaluateAsync<bool>("() => voiceAssistTest.connected")).Should().BeFalse("the page does not reconnect with the dead token");
        Volatile.Read(ref sockets).Should().Be(socketsAtLogoff, "no socket is opened after the session ended");
    }

    private Task<List<string>> AuditReasons(Guid sessionId) =>
        AuditTrail.Read(host.DatabaseConnectionString, "reason", "action = 'identity.session.revoked' AND session_id = @value", sessionId.ToString());

    private Task<(Guid Id, string Email, string Password)> CreateClinician() => host.CreateAccount("clinician", "Dr Page");

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();

    /// <summary>The host on a loopback port with sign-in required and a short idle timeout.</summary>
    public sealed class Host : LiveHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Identity:RequireAuthenticatedUser"] = "true",
            ["Identity:Sessions:IdleTimeout"] = $"00:00:{IdleSeconds:D2}",
            ["Identity:RateLimits:KeyPrefix"] = "ratelimit-" + Guid.NewGuid().ToString("N"),
        };
    }
}
