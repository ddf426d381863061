using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Identity.Users;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Sessions;

/// <summary>MFA on the voice page in Debian's Chromium against the real host with sign-in required: an account whose
/// role requires MFA enrolls an authenticator during sign-in (the test reads the shared key off the page and computes
/// the codes as an authenticator app would), and a signed-in clinician turns MFA on and ends another of their sessions
/// from the account security dialog.</summary>
public sealed partial class PageMfaBrowserTests(PageMfaBrowserTests.Host host, ITestOutputHelper output) : IClassFixture<PageMfaBrowserTests.Host>
{
    private const int Minute = 60_000;

    [Fact]
    public async Task An_auditor_enrolls_an_authenticator_while_signing_in_saves_the_recovery_codes_and_signs_in_with_a_code_next_time()
    {
        var (userId, email, password) = await CreateUser("auditor");
        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        var signInResponses = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (new Uri(response.Url).AbsolutePath is "/api/identity/session" or "/api/identity/session/mfa/enrollment" or "/api/identity/session/mfa/enrollment/confirm")
            {
                lock (signInResponses)
                {
                    signInResponses.Add(response);
                }
            }
        };
        await page.GotoAsync(host.Root.ToString());
        await SubmitSignIn(page, email, password);

        var enrollment = page.Locator("#enroll-form");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Set up your authenticator app" }).WaitForAsync(new() { Timeout = Minute });
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("enroll-heading", "focus moves to the new step");
        (await page.Locator("#sign-in").GetAttributeAsync("aria-labelledby")).Should().Be("enroll-heading");
        (await page.Locator("#enroll-qr").GetAttributeAsync("src")).Should().StartWith("data:image/png;base64,");
        var shownKey = await page.Locator("#enroll-key").TextContentAsync();
        var key = shownKey!.Replace(" ", "", StringComparison.Ordinal);
        key.Should().MatchRegex("^[A-Z2-7]{32}$", "the shared key is on the page as text to type into an app");

        await enrollment.GetByLabel("Code from the app").FillAsync(WrongCode(key));
        await enrollment.GetByRole(AriaRole.Button, new() { Name = "Confirm code" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('enroll-error').textContent.includes('does not match')", null, new() { Timeout = Minute });
        (await page.Locator("#enroll-key").TextContentAsync()).Should().Be(shownKey, "a wrong code keeps the same QR code and key");
        (await page.EvaluateAsync<bool>("() => voiceAssistTest.signedIn")).Should().BeFalse();

        var enrolledAt = DateTimeOffset.UtcNow;
        await enrollment.GetByLabel("Code from the app").FillAsync(TestTotp.Code(key, enrolledAt));
        await enrollment.GetByRole(AriaRole.Button, new() { Name = "Confirm code" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes now" }).WaitForAsync(new() { Timeout = Minute });
        var recoveryCodes = await page.Locator("#enroll-recovery-codes li").AllTextContentsAsync();
        recoveryCodes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        (await page.EvaluateAsync<bool>("() => voiceAssistTest.signedIn")).Should().BeFalse("the voice page waits until the codes are saved");
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved these codes" }).ClickAsync();

        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn", null, new() { Timeout = Minute });
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeFalse();
        (await page.Locator("#enroll-recovery-codes li").CountAsync()).Should().Be(0, "the recovery codes are off the page once saved");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync()).Should().BeTrue();
        IResponse[] answered;
        lock (signInResponses)
        {
            answered = [.. signInResponses];
        }

        answered.Should().HaveCount(4, "sign-in, enrollment, the wrong code and the right one");
        var signInBodies = await Task.WhenAll(answered.Select(r => r.TextAsync()));
        output.WriteLine("sign-in answers: " + string.Join(" | ", signInBodies.Select(b => b.Length > 120 ? b[..120] + "…" : b)));
        signInBodies.Should().NotContain(b => Jwt().IsMatch(b) || b.Contains("mfaToken", StringComparison.OrdinalIgnoreCase), "no MFA token reaches the page");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).TwoFactorEnabled.Should().BeTrue();
            (await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.AuthenticationMethods).ToListAsync()).Should().Equal("pwd otp");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.logoffs >= 1");
        await page.Locator("#sign-in input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        // Next time: the password and a fresh code from the authenticator (not the one enrollment spent).
        var lastStep = enrolledAt.ToUnixTimeSeconds() / 30;
        await page.GetByLabel("Authenticator code").FillAsync(NextCode(key, ref lastStep));
        await SubmitSignIn(page, email, password);
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn", null, new() { Timeout = Minute });
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeFalse();

        // An auditor must keep MFA: the account dialog shows the server's refusal to turn it off.
        await page.GetByRole(AriaRole.Button, new() { Name = "Account security" }).ClickAsync();
        var account = page.Locator("#account");
        await page.WaitForFunctionAsync("() => document.getElementById('mfa-state')?.textContent.startsWith('On')", null, new() { Timeout = Minute });
        (await page.Locator("#mfa-state").TextContentAsync()).Should().Contain("Your role requires it");
        await account.GetByLabel("Your password").FillAsync(password);
        await account.GetByLabel("Current code from your authenticator app").FillAsync(NextCode(key, ref lastStep));
        await account.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('account-error').textContent.length > 0", null, new() { Timeout = Minute });
        (await page.Locator("#account-error").TextContentAsync()).Should().Contain("required for this account");
        (await page.Locator("#account-error").GetAttributeAsync("role")).Should().Be("alert");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId))
                .TwoFactorEnabled.Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_clinician_turns_on_mfa_in_the_account_dialog_and_ends_another_of_their_sessions()
    {
        var (userId, email, password) = await CreateUser("clinician");
        using var phone = new HttpClient { BaseAddress = host.Root };
        var phoneSignIn = await phone.PostAsJsonAsync("/api/identity/token", new { email, password });
        phoneSignIn.StatusCode.Should().Be(HttpStatusCode.OK, await phoneSignIn.Content.ReadAsStringAsync());
        var phoneTokens = (await phoneSignIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tokens");
        phone.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", phoneTokens.GetProperty("accessToken").GetString());
        var phoneSession = phoneTokens.GetProperty("sessionId").GetGuid();
        (await phone.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        await page.GotoAsync(host.Root.ToString());
        await SubmitSignIn(page, email, password);
        await page.WaitForFunctionAsync("() => voiceAssistTest.signedIn && voiceAssistTest.connected", null, new() { Timeout = Minute });

        await page.GetByRole(AriaRole.Button, new() { Name = "Account security" }).ClickAsync();
        var dialog = page.Locator("#account");
        await dialog.GetByRole(AriaRole.Heading, new() { Name = "Account security" }).WaitForAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("account-heading");
        await page.WaitForFunctionAsync("() => document.getElementById('mfa-state').textContent.startsWith('Off')");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#account-sessions li').length === 2");
        var current = dialog.Locator("#account-sessions li[aria-current=true]");
        (await current.TextContentAsync()).Should().Contain("This browser");
        (await current.GetByRole(AriaRole.Button).CountAsync()).Should().Be(0, "this browser's session ends with Sign out");

        // A wrong password first: the server's refusal is shown, and nothing changes.
        await dialog.GetByLabel("Your password").FillAsync("not my password at all");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Set up authenticator app" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('account-error').textContent.includes('Re-authentication failed')");

        await dialog.GetByLabel("Your password").FillAsync(password);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Set up authenticator app" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Heading, new() { Name = "Scan the QR code" }).WaitForAsync(new() { Timeout = Minute });
        (await dialog.Locator("#mfa-qr").GetAttributeAsync("src")).Should().StartWith("data:image/png;base64,");
        var key = (await dialog.Locator("#mfa-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await dialog.GetByLabel("Code from the app").FillAsync(TestTotp.Code(key, DateTimeOffset.UtcNow));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm code" }).ClickAsync();

        await dialog.GetByRole(AriaRole.Heading, new() { Name = "Save your new recovery codes now" }).WaitForAsync(new() { Timeout = Minute });
        (await dialog.Locator("#mfa-recovery-codes li").CountAsync()).Should().Be(10);
        (await page.Locator("#account-result").TextContentAsync()).Should().Contain("Authenticator app set up");
        (await page.Locator("#mfa-state").TextContentAsync()).Should().StartWith("On");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have saved these codes" }).ClickAsync();
        (await dialog.Locator("#mfa-recovery-codes li").CountAsync()).Should().Be(0);

        // Turning it off again needs the current code too; a clinician's role allows it, so only a wrong code stops it.
        (await dialog.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" }).IsVisibleAsync()).Should().BeTrue();

        var other = dialog.Locator($"#account-sessions li[data-session-id='{phoneSession}']");
        await other.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('account-result').textContent.startsWith('Session ended')");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#account-sessions li').length === 1");
        (await phone.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the ended session's access token is refused at once");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        (await dialog.IsVisibleAsync()).Should().BeFalse();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("account-open", "focus returns to the button that opened the dialog");
        (await page.Locator("#account *").CountAsync()).Should().Be(0, "nothing of the dialog (keys, codes, password) stays in the page");
        (await page.EvaluateAsync<bool>("() => voiceAssistTest.signedIn")).Should().BeTrue("this browser's own session goes on");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).TwoFactorEnabled.Should().BeTrue();
        (await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == phoneSession)).RevokedReason.Should().Be("revoked_by_user");
    }

    private static async Task SubmitSignIn(IPage page, string email, string password)
    {
        var dialog = page.Locator("#sign-in");
        await dialog.Locator("input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Minute });
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A code for a time step after <paramref name="lastStep"/> that the server accepts now (it takes each step
    /// once, and one step of drift), waiting for the clock when both the current and the next step are spent.</summary>
    private static string NextCode(string key, ref long lastStep)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = now.ToUnixTimeSeconds() / 30;
            var step = Math.Max(current, lastStep + 1);
            if (step <= current + 1)
            {
                lastStep = step;
                return TestTotp.Code(TestTotp.Base32Decode(key), step, 6);
            }

            Thread.Sleep(TimeSpan.FromSeconds(30 - (now.ToUnixTimeSeconds() % 30) + 0.2));
        }
    }

    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-2, 5).Select(d => TestTotp.Code(key, now.AddSeconds(30 * d))).ToHashSet();
        return Enumerable.Range(100, 50).Select(back => TestTotp.Code(key, now.AddSeconds(-30 * back))).First(code => !valid.Contains(code));
    }

    /// <summary>An account as an administrator creates it (<see cref="Accounts.Create"/>, which the admin API runs).</summary>
    private Task<(Guid Id, string Email, string Password)> CreateUser(string role) => host.CreateAccount(role, "Dr Page " + role);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();

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
