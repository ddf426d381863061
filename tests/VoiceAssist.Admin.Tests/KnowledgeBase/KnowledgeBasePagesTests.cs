using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.KnowledgeBase;

/// <summary>The knowledge base pages in Chromium: an administrator uploads several files and watches them processed,
/// filters and pages the list, reads a document's text, re-indexes and deletes it, imports JSON lines, manages
/// guideline sources and sees PubMed's unavailability said on the page; bad input is shown next to its field and
/// changes nothing; a clinician and an auditor get 403; a post without its antiforgery token is refused; every page is
/// free of serious accessibility violations and runs under the strict CSP.</summary>
public sealed class KnowledgeBasePagesTests(KnowledgeBasePagesTests.Host host, ITestOutputHelper output) : IClassFixture<KnowledgeBasePagesTests.Host>
{
    private const string Stage1 = "# Blood pressure categories\n\nStage 1 hypertension is a systolic blood pressure of 130 to 139 mm Hg or a diastolic blood pressure of 80 to 89 mm Hg (Whelton PK, et al. Hypertension. 2018;71(6):e13-e115).\n";
    private const string Sepsis = "Hour-1 bundle: measure lactate, obtain blood cultures before antibiotics, give broad-spectrum antibiotics (Levy MM, et al. Crit Care Med. 2018;46(6):997-1000).\n";

    [Fact]
    public async Task An_administrator_uploads_several_files_watches_them_processed_reads_one_reindexes_and_deletes_it()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/knowledge");
        var page = browser.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Knowledge base", Level = 1 })).ToBeVisibleAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await page.Locator("#Files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = $"bp-categories-{marker}.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Stage1) },
            new FilePayload { Name = $"sepsis-bundle-{marker}.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Sepsis) },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        // Each file goes up on its own with a progress bar, then shows its processing status until it is ready.
        await Assertions.Expect(page.Locator("[data-knowledge-upload-list] progress")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator($"[data-upload-state='bp-categories-{marker}.md']")).ToHaveTextAsync(" ready", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator($"[data-upload-state='sepsis-bundle-{marker}.txt']")).ToHaveTextAsync(" ready", new() { Timeout = 60_000 });
        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('[data-knowledge-upload-list] progress')].every(p => p.value === p.max)")).Should().BeTrue();
        await browser.Screenshot("knowledge-upload");

        // The list shows each document's status too.
        await page.GotoAsync(browser.Url($"/admin/knowledge?q={marker}").ToString());
        var rows = page.Locator("tbody tr");
        for (var attempt = 0; attempt < 60 && await page.Locator("tbody tr [data-field=status]", new() { HasTextString = "ready" }).CountAsync() < 2; attempt++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Locator("[data-field=status]")).ToHaveTextAsync(["ready", "ready"]);
        await browser.Screenshot("knowledge-base");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GetByLabel("Title contains").FillAsync($"sepsis-bundle-{marker}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = $"sepsis-bundle-{marker}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"sepsis-bundle-{marker}");
        await Assertions.Expect(page.Locator("[data-knowledge=text]")).ToContainTextAsync("obtain blood cultures before antibiotics");
        await browser.Screenshot("knowledge-document");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await page.GetByLabel("Reason for re-indexing (recorded in the audit log)").FillAsync("Checking the index");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-index" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Re-indexed 1 passages.");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByLabel("Reason for deleting (recorded in the audit log)").FillAsync("Superseded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/knowledge");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("deleted");
        await page.GotoAsync(browser.Url($"/admin/knowledge?q={marker}").ToString());
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_its_field_and_changes_nothing()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/knowledge");
        var page = browser.Page;
        var documents = await page.Locator("[data-knowledge=documents]").TextContentAsync();

        await page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-state='empty.txt']")).ToHaveTextAsync(" The file is empty.");
        await Assertions.Expect(page.Locator("[data-upload-state='empty.txt']")).ToHaveClassAsync("error");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-knowledge=documents]")).ToHaveTextAsync(documents!);

        // Without the script the same form posts the files at once, and the refusal is shown next to the field.
        var second = await host.CreateBrowserAccount(Roles.Admin);
        await using (var plain = await ConsoleBrowser.Open(host.Root, output))
        {
            await plain.Context.RouteAsync("**/admin/assets/console.js", route => route.AbortAsync());
            await plain.SignIn(second, "/admin/knowledge");
            await plain.Page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] });
            await plain.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Assertions.Expect(plain.Page.Locator("#Files-error")).ToHaveTextAsync("empty.txt: The file is empty.");
            await Assertions.Expect(plain.Page.Locator("[data-knowledge=documents]")).ToHaveTextAsync(documents!);
        }

        await browser.Open("/admin/knowledge/guidelines");
        var sources = await page.Locator("[data-knowledge=guidelines] tbody tr").CountAsync();
        await page.GetByLabel("Name").FillAsync("WHO guidelines");
        await page.GetByLabel("Address (http or https)").FillAsync("ftp://ftp.who.int/guidelines.pdf");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Url-error")).ToContainTextAsync("Enter an absolute http or https address");
        await Assertions.Expect(page.Locator("[data-knowledge=guidelines] tbody tr")).ToHaveCountAsync(sources);
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Guideline_sources_are_added_edited_and_removed_and_json_lines_are_imported()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/knowledge/guidelines");
        var page = browser.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        var name = $"ESC atrial fibrillation {Guid.NewGuid():N}"[..32];

        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Address (http or https)").FillAsync($"https://guidelines.example.org/{Guid.NewGuid():N}.html");
        await page.GetByLabel("Check every (hours; empty for the default)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"Watching {name}");
        var row = page.Locator("[data-knowledge=guidelines] tbody tr", new() { HasTextString = name });
        await Assertions.Expect(row).ToContainTextAsync("12 h");
        await Assertions.Expect(row).ToContainTextAsync("never");
        await browser.Screenshot("knowledge-guidelines");

        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.GetByLabel("Check every (hours; empty for the default)").FillAsync("48");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("48 h");
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove source" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("no longer watched");
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await browser.Open("/admin/knowledge/import");
        var lines = "{\"id\":\"imp-1\",\"title\":\"Stage 2 hypertension\",\"text\":\"Stage 2 hypertension is at least 140 mm Hg systolic.\"}\nnot json\n";
        await page.Locator("#JsonLines").SetInputFilesAsync(new FilePayload { Name = "guidelines.jsonl", MimeType = "application/x-ndjson", Buffer = Encoding.UTF8.GetBytes(lines) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var summary = page.Locator("[data-knowledge=import-summary]");
        await Assertions.Expect(summary.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex("^2 lines: [01] created, 0 replaced, [01] unchanged, 1 rejected\\.$"));
        await Assertions.Expect(summary.Locator("tbody tr")).ToHaveTextAsync(["2The line is not valid JSON."]);
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        await browser.Open("/admin/knowledge/pubmed?q=dexamethasone");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("PubMed could not be reached; try again later.");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task A_clinician_and_an_auditor_are_refused_and_a_post_without_its_antiforgery_token_is_refused()
    {
        foreach (var (role, mfa) in new[] { (Roles.Clinician, false), (Roles.Auditor, true) })
        {
            var account = await host.CreateBrowserAccount(role, withMfa: mfa);
            await using var browser = await ConsoleBrowser.Open(host.Root, output);
            await browser.SignIn(account, "/admin");
            foreach (var path in new[] { "/admin/knowledge", "/admin/knowledge/import", "/admin/knowledge/pubmed", "/admin/knowledge/guidelines" })
            {
                (await browser.Open(path)).Should().Be(403, $"{role} on {path}");
            }
        }

        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var adminBrowser = await ConsoleBrowser.Open(host.Root, output);
        await adminBrowser.SignIn(admin, "/admin/knowledge");
        var form = adminBrowser.Page.APIRequest.CreateFormData();
        form.Set("Reason", "no token");
        var response = await adminBrowser.Page.APIRequest.PostAsync(adminBrowser.Url("/admin/knowledge?handler=ReindexAll").ToString(), new() { Form = form });
        response.Status.Should().Be(400, "Razor Pages refuse a form post without its antiforgery token");
    }

    [Fact]
    public async Task The_knowledge_base_fits_a_phone()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(admin, "/admin/knowledge");
        (await browser.FitsWidth()).Should().BeTrue("nothing scrolls sideways at 390 px");
        await browser.Screenshot("knowledge-base-phone");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
    }

    /// <summary>The console host with the knowledge base kept small and quick: keyword search only (no embedding
    /// server), no demo corpus, PubMed pointed at a closed local port (no network here), fast retries.</summary>
    public sealed class Host : ConsoleHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:Embeddings:Provider"] = "none",
            ["Knowledge:DemoData:Enabled"] = "false",
            ["Knowledge:Ingestion:PollInterval"] = "00:00:00.200",
            ["Knowledge:Search:RefreshInterval"] = "00:00:00.200",
            ["Knowledge:PubMed:BaseUrl"] = "http://127.0.0.1:9/entrez/eutils/",
            ["HttpResilience:FirstRetryDelay"] = "00:00:00.050",
        };
    }
}
