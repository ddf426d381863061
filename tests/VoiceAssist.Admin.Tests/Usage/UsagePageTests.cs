using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Usage;

/// <summary>The usage and cost page in Chromium: metered engine use reaches the page per model and per user, an
/// administrator prices a model (audited), the cost follows, and the CSV export carries the rows.</summary>
public sealed class UsagePageTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task Metered_use_is_priced_charted_and_exported()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        var clinician = Guid.NewGuid().ToString();
        var model = "gpt-usage-" + Guid.NewGuid().ToString("N")[..8];
        _ = host.Root;
        UsageMeter.Record(UsageMeter.Meters.PromptTokens, model, clinician, 1200);
        UsageMeter.Record(UsageMeter.Meters.CompletionTokens, model, clinician, 300);
        UsageMeter.Record(UsageMeter.Meters.SpeechToTextSeconds, "pocketsphinx", clinician, 42.5);

        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/usage");
        var page = browser.Page;
        var byModel = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "By meter and model" }) });
        await Assertions.Expect(byModel.Locator("tr", new() { HasText = "Model prompt tokens" }).Filter(new() { HasText = model })).ToContainTextAsync("1,200");
        await Assertions.Expect(page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "By user" }) }).Locator("tr", new() { HasText = clinician }))
            .ToContainTextAsync("42.5");
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(1);

        var price = page.GetByLabel($"Price per unit of Model prompt tokens for {model}");
        await price.FillAsync("0.00001");
        await page.GetByLabel($"Reason for the price of Model prompt tokens for {model}").FillAsync("List price from the December invoice");
        await price.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Price of prompt_tokens for {model} saved.");
        await Assertions.Expect(byModel.Locator("tr", new() { HasText = "Model prompt tokens" }).Filter(new() { HasText = model })).ToContainTextAsync("0.01");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        browser.CspViolations.Should().BeEmpty();
        await browser.Screenshot("usage");

        var csv = await page.APIRequest.GetAsync(browser.Url("/admin/usage?handler=Csv").ToString());
        csv.Status.Should().Be(200);
        csv.Headers["content-type"].Should().StartWith("text/csv");
        (await csv.TextAsync()).Should().Contain($",{clinician},prompt_tokens,{model},1200,0.012");

        var audited = await Eventually.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT actor_id || '|' || reason || '|' || after_value FROM compliance.audit_entries WHERE action = 'admin.usage_price.changed' AND resource_id = @id", connection);
            command.Parameters.AddWithValue("id", $"prompt_tokens/{model}");
            return await command.ExecuteScalarAsync() as string;
        }, value => value is not null, because: "a price change is audited");
        audited.Should().Be($"{admin.Id}|List price from the December invoice|0.00001");
    }
}
