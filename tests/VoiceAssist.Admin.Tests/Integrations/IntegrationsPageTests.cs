using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Integrations;

/// <summary>The integrations page in Chromium: an administrator points the calendar connector at a CalDAV server and
/// the change is audited with its values; a wrong address is refused next to its field and changes nothing.</summary>
public sealed class IntegrationsPageTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task An_administrator_configures_a_connector_and_the_change_is_audited()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/integrations");
        var page = browser.Page;
        var calendar = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Calendar and tasks (CalDAV)" }) });
        await Assertions.Expect(calendar).ToContainTextAsync("Not configured.");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await calendar.GetByLabel("Server address").FillAsync("not a server");
        await calendar.GetByRole(AriaRole.Button, new() { Name = "Save calendar connector" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connector-calendar-url-error")).ToContainTextAsync("absolute http(s) or imap(s) URL");
        await Assertions.Expect(calendar).ToContainTextAsync("Not configured.");

        await calendar.GetByLabel("Server address").FillAsync("https://dav.hospital.example/calendars/");
        await calendar.GetByLabel("Connector", new() { Exact = true }).SelectOptionAsync("true");
        await calendar.GetByLabel("Reason (kept in the audit trail)").FillAsync("Radicale server for the renal ward pilot");
        await calendar.GetByRole(AriaRole.Button, new() { Name = "Save calendar connector" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now points at https://dav.hospital.example/calendars/ and is on");
        await browser.Screenshot("integrations");

        var audited = await Eventually.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT actor_id || '|' || reason || '|' || coalesce(before_value, 'null') || '|' || after_value FROM compliance.audit_entries WHERE action = 'integrations.connector.changed'", connection);
            return await command.ExecuteScalarAsync() as string;
        }, value => value is not null, because: "the change is audited");
        audited.Should().Be($"{admin.Id}|Radicale server for the renal ward pilot|null|" + """{"baseUrl":"https://dav.hospital.example/calendars/","enabled":true}""");
        browser.CspViolations.Should().BeEmpty();
    }
}
