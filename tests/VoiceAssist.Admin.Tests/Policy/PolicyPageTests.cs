using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Policy;

/// <summary>The security policy page in Chromium: an administrator changes the automatic logoff with a reason, the
/// change is audited with the values before and after, sessions use it at once, and another replica on the same
/// database applies it within seconds; out-of-range values and a missing reason change nothing.</summary>
public sealed class PolicyPageTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_changed_logoff_time_is_audited_and_applies_on_every_replica_within_seconds()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/policy");
        var page = browser.Page;
        await Assertions.Expect(page.GetByLabel("Automatic logoff after inactivity")).ToHaveValueAsync("15");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("policy");

        await using var replica = new Replica(host.DatabaseConnectionString, host.RedisConnectionString);
        replica.Services.GetRequiredService<IConfiguration>()["Identity:Sessions:IdleTimeout"].Should().BeNull("nothing is set yet");

        await page.GetByLabel("Automatic logoff after inactivity").FillAsync("20");
        await page.GetByLabel("Reason for the change").FillAsync("Ward rounds need longer sessions (change request 4411)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved 1 change");
        await Assertions.Expect(page.GetByLabel("Automatic logoff after inactivity")).ToHaveValueAsync("20");

        // This replica's sessions use it at once: the page's next access token reports the new idle timeout.
        var access = await page.EvaluateAsync<JsonElement>("""
            async () => (await fetch("/api/identity/session/access-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{\"active\":true}" })).json()
            """);
        access.GetProperty("idleTimeout").GetInt32().Should().Be(20 * 60);

        // Another replica on the same database picks it up by itself.
        var started = DateTimeOffset.UtcNow;
        await Eventually.Until(
            () => Task.FromResult(replica.Services.GetRequiredService<IConfiguration>()["Identity:Sessions:IdleTimeout"]),
            value => value == "00:20:00", within: TimeSpan.FromSeconds(30), because: "every replica applies the change");
        output.WriteLine($"the second replica applied the change {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s after it was saved");

        var entry = await Eventually.Until(() => AuditEntry("admin.policy.changed"), found => found is not null, because: "the change is audited");
        entry!.Value.Actor.Should().Be(admin.Id.ToString());
        entry.Value.Reason.Should().Be("Ward rounds need longer sessions (change request 4411)");
        entry.Value.Before.Should().Be("""{"sessionIdleTimeout":15}""");
        entry.Value.After.Should().Be("""{"sessionIdleTimeout":20}""");
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Out_of_range_values_and_a_missing_reason_are_refused_next_to_their_fields_and_change_nothing()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(admin, "/admin/policy");
        var page = browser.Page;
        var stored = await StoredSettings();

        await page.GetByLabel("Automatic logoff after inactivity").FillAsync("0");
        await page.GetByLabel("Keep audit entries").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(page.Locator("#policy-sessionIdleTimeout-error")).ToHaveTextAsync("Enter a whole number from 2 to 60.");
        await Assertions.Expect(page.Locator("#policy-retentionAudit-error")).ToHaveTextAsync("Enter a whole number from 2192 to 3653.");
        await Assertions.Expect(page.Locator("#policy-reason-error")).ToContainTextAsync("Say why");
        (await browser.FitsWidth()).Should().BeTrue();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("policy-invalid");
        (await StoredSettings()).Should().Be(stored, "nothing was saved");
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused_and_an_auditor_cannot_open_the_policy()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/policy");
        var stored = await StoredSettings();
        var forged = await browser.Page.APIRequest.PostAsync(browser.Url("/admin/policy").ToString(), new()
        {
            Form = browser.Page.APIRequest.CreateFormData().Set("Values[sessionIdleTimeout]", "60").Set("Reason", "forged"),
        });
        forged.Status.Should().Be(400, "Razor Pages refuse a form post without its antiforgery token");
        (await StoredSettings()).Should().Be(stored);

        var auditor = await host.CreateBrowserAccount(Roles.Auditor);
        await using var auditorBrowser = await ConsoleBrowser.Open(host.Root, output);
        await auditorBrowser.SignIn(auditor, "/admin");
        (await auditorBrowser.Open("/admin/policy")).Should().Be(403);
    }

    private async Task<(string? Actor, string? Reason, string? Before, string? After)?> AuditEntry(string action)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT actor_id, reason, before_value, after_value FROM compliance.audit_entries WHERE action = @action", connection);
        command.Parameters.AddWithValue("action", action);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    private async Task<long> StoredSettings()
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM admin.console_settings", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A second host on the same database and Redis, as another replica would be.</summary>
    private sealed class Replica(string database, string redis) : VoiceAssistFactory(database, redis)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Admin:Settings:RefreshInterval"] = "00:00:02",
        };
    }
}
