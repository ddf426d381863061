using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Users;

/// <summary>The Users pages in Chromium: an administrator finds an account, changes its role, disables and enables it,
/// unlocks it and ends its sessions, each change audited; invites a user whose one-time link opens the page where they
/// set their password; offboards an account after reading what happens to its data. Clinicians and auditors get 403,
/// a form post without its antiforgery token is refused, and bad input is reported beside its field.</summary>
public sealed class UsersPageTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task An_administrator_finds_a_user_and_changes_role_access_lockout_and_sessions()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        var target = await host.CreateBrowserAccount(Roles.Clinician, "Casey Clinician", withMfa: false);
        using var api = new HttpClient { BaseAddress = host.Root };
        (await SignInOverApi(api, target)).Should().Be(HttpStatusCode.OK);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        browser.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignIn(admin, "/admin/users");
        var page = browser.Page;
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GetByLabel("Email or name contains").FillAsync(target.Email.ToUpperInvariant()[..20]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = target.Email }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Casey Clinician");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("app");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("user-details");

        await page.GetByLabel("New role").SelectOptionAsync(Roles.Viewer);
        await page.GetByLabel("Reason for the role change").FillAsync("Moved to a records role");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role changed to viewer. The user's sessions have ended.");

        (await SignInOverApi(api, target)).Should().Be(HttpStatusCode.OK);
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End", Exact = false }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Session ended.");
        await Assertions.Expect(page.GetByText("No live session.")).ToBeVisibleAsync();

        await page.GetByLabel("Reason for disabling").FillAsync("Left the trust on 30 November");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Account disabled");
        (await SignInOverApi(api, target)).Should().Be(HttpStatusCode.Unauthorized, "a disabled account cannot sign in");

        await page.GetByLabel("Reason for enabling").FillAsync("Rehired");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Account enabled");
        (await SignInOverApi(api, target)).Should().Be(HttpStatusCode.OK);

        for (var i = 0; i < 5; i++)
        {
            (await SignInOverApi(api, target with { Password = "wrong password " + i })).Should().Be(HttpStatusCode.Unauthorized);
        }

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock and reset failed attempts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Account unlocked");
        (await SignInOverApi(api, target)).Should().Be(HttpStatusCode.OK);

        var disabled = await Eventually.Until(() => Audit("identity.user.disabled", target.Id), rows => rows.Count > 0, because: "the change is audited");
        disabled.Single().Should().Be((admin.Id.ToString(), "Left the trust on 30 November", """{"status":"active"}"""));
        (await Eventually.Until(() => Audit("identity.user.role_changed", target.Id), rows => rows.Any(r => r.Reason == "Moved to a records role")))
            .Should().Contain((admin.Id.ToString(), "Moved to a records role", """{"role":"clinician"}"""));
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account_and_a_missing_reason_is_reported_beside_its_field()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        browser.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignIn(admin, $"/admin/users/{admin.Id}");
        var page = browser.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#access-reason-error")).ToHaveTextAsync("Give a reason: it is kept in the audit trail.");
        await page.GetByLabel("Reason for disabling").FillAsync("Trying my own");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot disable your own account");
        (await browser.FitsWidth()).Should().BeTrue();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        (await Audit("identity.user.disabled", admin.Id)).Should().BeEmpty("nothing changed");
    }

    [Fact]
    public async Task An_invitation_link_is_shown_once_and_opens_the_page_where_the_new_user_sets_a_password()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/users/invite");
        var page = browser.Page;
        var email = $"new.colleague.{Guid.NewGuid():N}@hospital.example";
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Name").FillAsync("Noor Newcomer");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Clinician);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the invitation" }).ClickAsync();
        var link = await page.GetByLabel("One-time invitation link").InputValueAsync();
        link.Should().StartWith(browser.Url("/admin/invitation?token=").ToString());
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("user-invited");

        await page.GotoAsync(browser.Url("/admin/users/invite").ToString());
        var users = await CountUsers();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Name").FillAsync("Someone Else");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Email-error")).ToHaveTextAsync("An account with this email address already exists.");
        (await CountUsers()).Should().Be(users, "nothing was created");

        await using var newcomer = await ConsoleBrowser.Open(host.Root, output, width: 390);
        var invitation = newcomer.Page;
        (await invitation.GotoAsync(link))!.Status.Should().Be(200);
        await Assertions.Expect(invitation.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set your password");
        await Assertions.Expect(invitation.GetByText(email)).ToBeVisibleAsync();
        (await newcomer.SeriousAccessibilityViolations()).Should().BeEmpty();
        (await newcomer.FitsWidth()).Should().BeTrue();

        await invitation.GetByLabel("New password").FillAsync("short");
        await invitation.GetByLabel("Type the password again").FillAsync("short");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(invitation.Locator("#invitation-password-error")).ToContainTextAsync("12");
        await invitation.GetByLabel("New password").FillAsync("lantern orchard 7 rivers");
        await invitation.GetByLabel("Type the password again").FillAsync("lantern orchard 7 rivets");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(invitation.Locator("#invitation-confirm-error")).ToHaveTextAsync("The two passwords are not the same.");
        await invitation.GetByLabel("New password").FillAsync("lantern orchard 7 rivers");
        await invitation.GetByLabel("Type the password again").FillAsync("lantern orchard 7 rivers");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(invitation.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your password is set for {email}.");
        newcomer.CspViolations.Should().BeEmpty();

        using var api = new HttpClient { BaseAddress = host.Root };
        (await api.PostAsJsonAsync("/api/identity/token", new { email, password = "lantern orchard 7 rivers" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await invitation.GotoAsync(link))!.Status.Should().Be(404, "the link works once");
        await Assertions.Expect(invitation.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be used");
    }

    [Fact]
    public async Task Offboarding_states_what_happens_to_the_data_and_deletes_the_account_only_once_confirmed()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        var leaver = await host.CreateBrowserAccount(Roles.Clinician, "Lee Leaver", withMfa: false);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        browser.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignIn(admin, $"/admin/users/{leaver.Id}");
        var page = browser.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "See what happens to each kind of the user's data, and offboard" }).ClickAsync();

        ILocator Row(string data) => page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = data, Exact = true }) });
        await Assertions.Expect(Row("Account")).ToContainTextAsync("deleted");
        await Assertions.Expect(Row("Sessions")).ToContainTextAsync("ended");
        await Assertions.Expect(Row("Audit trail")).ToContainTextAsync("kept");
        await Assertions.Expect(Row("Conversations and recordings")).ToContainTextAsync("Deleted within seconds");
        await Assertions.Expect(Row("Patient documents")).ToContainTextAsync("Deleted within seconds");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("user-offboard");

        await page.GetByLabel("Reason for offboarding").FillAsync("Contract ended 5 December");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard and delete the account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offboard-confirm-error")).ToContainTextAsync("Tick the box");
        (await CountUsers(leaver.Id)).Should().Be(1, "nothing happens without the confirmation");

        await page.GetByLabel("I have read what happens to the data, and the account is to be deleted").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard and delete the account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"{leaver.Email} was offboarded");
        (await CountUsers(leaver.Id)).Should().Be(0);
        (await Eventually.Until(() => Audit("identity.user.offboarded", leaver.Id), rows => rows.Count > 0)).Single().Reason.Should().Be("Contract ended 5 December");
    }

    [Fact]
    public async Task Clinicians_and_auditors_get_403_and_a_post_without_its_antiforgery_token_is_refused()
    {
        var clinician = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(clinician, "/admin/users");
            (await browser.Open("/admin/users")).Should().Be(403);
            (await browser.Open($"/admin/users/{clinician.Id}")).Should().Be(403);
            (await browser.Open("/admin/users/invite")).Should().Be(403);
        }

        var auditor = await host.CreateBrowserAccount(Roles.Auditor);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(auditor, "/admin");
            (await browser.Open("/admin/users")).Should().Be(403);
        }

        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(admin, "/admin/users");
            var users = await CountUsers();
            var forged = await browser.Page.APIRequest.PostAsync(browser.Url("/admin/users/invite").ToString(), new()
            {
                Form = browser.Page.APIRequest.CreateFormData()
                    .Set("Input.Email", $"forged.{Guid.NewGuid():N}@hospital.example").Set("Input.DisplayName", "Forged").Set("Input.Role", Roles.Admin),
            });
            forged.Status.Should().Be(400, "Razor Pages refuse a form post without its antiforgery token");
            var disable = await browser.Page.APIRequest.PostAsync(browser.Url($"/admin/users/{clinician.Id}?handler=Disable").ToString(), new()
            {
                Form = browser.Page.APIRequest.CreateFormData().Set("Access.Reason", "forged"),
            });
            disable.Status.Should().Be(400);
            (await CountUsers()).Should().Be(users);
            (await Audit("identity.user.disabled", clinician.Id)).Should().BeEmpty();
        }
    }

    private static async Task<HttpStatusCode> SignInOverApi(HttpClient api, BrowserAccount account)
    {
        using var response = await api.PostAsJsonAsync("/api/identity/token", new { email = account.Email, password = account.Password });
        if (response.StatusCode == HttpStatusCode.OK)
        {
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("signed_in");
        }

        return response.StatusCode;
    }

    private async Task<List<(string? Actor, string? Reason, string? Before)>> Audit(string action, Guid userId)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT actor_id, reason, before_value FROM compliance.audit_entries WHERE action = @action AND resource_id = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("id", userId.ToString());
        var rows = new List<(string?, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private async Task<long> CountUsers(Guid? id = null)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(id is null ? "SELECT count(*) FROM identity.users" : "SELECT count(*) FROM identity.users WHERE id = @id", connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
