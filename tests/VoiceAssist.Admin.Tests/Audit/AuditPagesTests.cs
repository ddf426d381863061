using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Audit;

/// <summary>The audit log in Chromium: filter, page newest first, open an entry with its values before and after,
/// export CSV and JSON, verify the chain; administrators and auditors read it, clinicians get 403.</summary>
public sealed class AuditPagesTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task An_administrator_filters_pages_opens_an_entry_exports_and_verifies_the_chain()
    {
        var prefix = await AuditSeed.Entries(host, 60);
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/audit");
        var page = browser.Page;

        await page.GetByLabel("Action").FillAsync(prefix + "*");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit-count")).ToHaveTextAsync("60 entries match.");
        var rows = page.Locator("#audit-entries tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        var newestOnFirstPage = await rows.First.Locator("td").First.TextContentAsync();
        await browser.Screenshot("audit-log");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Newer" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        (await rows.First.Locator("td").First.TextContentAsync()).Should().Be(newestOnFirstPage);

        // The role change among them, opened from the list: its reason and values before and after.
        await page.GetByLabel("Action").FillAsync(prefix + "role_changed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#entry-reason")).ToHaveTextAsync("Moved to the audit office");
        await Assertions.Expect(page.Locator("#entry-before")).ToHaveTextAsync("""{"role":"clinician"}""");
        await Assertions.Expect(page.Locator("#entry-after")).ToHaveTextAsync("""{"role":"auditor"}""");
        await browser.Screenshot("audit-entry");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GotoAsync(browser.Url($"/admin/audit?action={prefix}*&outcome=failed").ToString());
        await Assertions.Expect(page.Locator("#audit-count")).ToHaveTextAsync("30 entries match.");
        var csv = await Download(page, "Export CSV");
        var csvLines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csvLines.Should().HaveCount(31, "a header and the 30 failed entries");
        csvLines.Skip(1).Should().OnlyContain(line => line.Contains(",failed,", StringComparison.Ordinal));
        var json = JsonDocument.Parse(await Download(page, "Export JSON")).RootElement;
        json.GetArrayLength().Should().Be(30);

        await page.GetByRole(AriaRole.Link, new() { Name = "Verify chain" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification h2")).ToHaveTextAsync("The chain is intact");
        await Assertions.Expect(page.Locator("#verification")).ToContainTextAsync("entries verified in");
        await browser.Screenshot("audit-verify");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        browser.CspViolations.Should().BeEmpty("the console runs under a strict Content-Security-Policy");
    }

    [Fact]
    public async Task An_auditor_reads_the_log_and_an_entry_and_verifies_but_has_nothing_to_change()
    {
        var prefix = await AuditSeed.Entries(host, 4);
        var auditor = await host.CreateBrowserAccount(Roles.Auditor, "Aude Auditor");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(auditor, "/admin/audit");
        var page = browser.Page;

        (await browser.Open($"/admin/audit?action={prefix}*")).Should().Be(200);
        await Assertions.Expect(page.Locator("#audit-entries tbody tr")).ToHaveCountAsync(4);
        // Read-only: the only form that posts is the console's sign-out.
        (await page.Locator("main form[method=post]").CountAsync()).Should().Be(0);
        await page.Locator("#audit-entries tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#entry-action")).ToContainTextAsync(prefix);
        (await browser.Open("/admin/audit/verify")).Should().Be(200);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification h2")).ToHaveTextAsync("The chain is intact");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        (await browser.Open("/admin?handler=Status")).Should().Be(403, "auditors have the audit pages only");
    }

    [Fact]
    public async Task A_clinician_gets_403_on_every_audit_page()
    {
        var clinician = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(clinician, "/admin/audit");

        foreach (var path in new[] { "/admin/audit", "/admin/audit/1", "/admin/audit/verify", "/admin/audit?handler=Export&format=csv" })
        {
            (await browser.Open(path)).Should().Be(403, path);
        }
    }

    [Fact]
    public async Task Bad_filters_are_shown_next_to_their_field_and_nothing_is_listed()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/audit");
        var page = browser.Page;

        await page.GetByLabel("Action").FillAsync("identity.*.signed_in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-valmsg-for='Filters.Action']")).ToContainTextAsync("'*' may only end the action");
        await Assertions.Expect(page.Locator("#audit-entries")).ToHaveCountAsync(0);
        (await browser.Open("/admin/audit?from=2026-12-01T00:00&to=2026-11-01T00:00")).Should().Be(200);
        await Assertions.Expect(page.Locator("[data-valmsg-for='Filters.To']")).ToContainTextAsync("'To' must not be before 'From'.");
        (await browser.Open("/admin/audit/999999999")).Should().Be(404);
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_verification_form_is_refused_without_its_antiforgery_token()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/audit/verify");

        var form = browser.Context.APIRequest.CreateFormData();
        form.Set("ignored", "1");
        var response = await browser.Page.APIRequest.PostAsync(browser.Url("/admin/audit/verify").ToString(), new() { Form = form });

        response.Status.Should().Be(400);
    }

    [Fact]
    public async Task The_audit_log_fits_a_phone_and_is_usable_with_the_keyboard()
    {
        await AuditSeed.Entries(host, 3);
        var auditor = await host.CreateBrowserAccount(Roles.Auditor);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(auditor, "/admin/audit");
        var page = browser.Page;

        (await browser.FitsWidth()).Should().BeTrue("nothing scrolls sideways at 390 px");
        await browser.Screenshot("audit-log-phone");
        // From the action field, the keyboard alone searches: Enter submits the filter form.
        await page.GetByLabel("Action").FocusAsync();
        await page.Keyboard.TypeAsync("compliance.audit.*");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("action=compliance.audit.", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#audit-entries tbody tr").First).ToBeVisibleAsync();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
    }

    private static async Task<string> Download(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path!);
    }
}

/// <summary>Entries written straight into the trail (through its chaining trigger), under an action prefix no other
/// test uses.</summary>
internal static class AuditSeed
{
    /// <summary><paramref name="count"/> entries <c>{prefix}{i % 3}</c>, half of them failed, one second apart, and one
    /// role change with a reason and values before and after; returns the prefix.</summary>
    public static async Task<string> Entries(ConsoleHost host, int count)
    {
        _ = host.Root; // starts the host, which migrates
        var prefix = $"test.{Guid.NewGuid():N}"[..17] + ".";
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($$"""
            INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id, outcome, correlation_id)
            SELECT now() - (i || ' seconds')::interval, '{{prefix}}' || (i % 3), 'document', 'doc-' || i, 'actor-' || (i % 4), gen_random_uuid(),
                   CASE WHEN i % 2 = 0 THEN 'succeeded' ELSE 'failed' END, 'corr-' || i
              FROM generate_series(1, {{count - 1}}) i;
            INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id, outcome, reason, before_value, after_value)
            VALUES (now() - interval '1 hour', '{{prefix}}role_changed', 'user', 'user-1', 'actor-admin', gen_random_uuid(), 'succeeded',
                    'Moved to the audit office', '{"role":"clinician"}', '{"role":"auditor"}');
            """, connection);
        await command.ExecuteNonQueryAsync();
        return prefix;
    }
}
