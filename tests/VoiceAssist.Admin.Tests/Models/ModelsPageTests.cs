using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using VoiceAssist.Testing.Fakes;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Models;

/// <summary>The models and engines page in Chromium, against an OpenAI-compatible endpoint on a real loopback socket
/// (<see cref="FakeChatCompletions"/>, which speaks the exact Chat Completions wire format): an administrator points the
/// answer model at it and another replica's answers go there, with the API key decrypted from the console settings
/// but never shown, audited or stored in clear; "test connection" reports success and a closed port; bad values change
/// nothing; auditors and clinicians are refused.</summary>
public sealed class ModelsPageTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_changed_answer_model_is_used_by_another_replica_and_its_api_key_is_never_shown_audited_or_stored_in_clear()
    {
        await using var model = await FakeChatCompletions.Start();
        var apiKey = "sk-answers-" + Guid.NewGuid().ToString("N");
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin/models");
        var page = browser.Page;
        var answers = Section(page, "Answer model");
        await Assertions.Expect(answers.GetByLabel("Engine")).ToHaveValueAsync("offline");
        await Assertions.Expect(answers).ToContainTextAsync("API key: not set");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("models");

        await using var replica = new Replica(host.DatabaseConnectionString, host.RedisConnectionString);
        var replicaConfiguration = replica.Services.GetRequiredService<IConfiguration>();

        await answers.GetByLabel("Engine").SelectOptionAsync("openai");
        await answers.GetByLabel("Base URL").FillAsync(model.BaseUrl.ToString());
        await answers.GetByLabel("Model").FillAsync("clinical-answers-2");
        await answers.GetByLabel("Temperature").FillAsync("0.3");
        await answers.GetByLabel("Longest answer (tokens)").FillAsync("500");
        await answers.GetByLabel("Replace API key").FillAsync(apiKey);
        await answers.GetByLabel("Reason (kept in the audit trail)").FillAsync("Self-hosted model covered by the hospital's agreement");
        await answers.GetByRole(AriaRole.Button, new() { Name = "Save answer model" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Answer model: saved");
        answers = Section(page, "Answer model");
        await Assertions.Expect(answers.GetByLabel("Model")).ToHaveValueAsync("clinical-answers-2");
        await Assertions.Expect(answers).ToContainTextAsync("API key: set");
        (await page.ContentAsync()).Should().NotContain(apiKey, "an API key is write-only");

        // The other replica applies it by itself, key included (decrypted by its own settings source).
        var started = DateTimeOffset.UtcNow;
        await Eventually.Until(() => Task.FromResult(replicaConfiguration["Knowledge:Answers:Llm:ApiKey"]), value => value == apiKey,
            within: TimeSpan.FromSeconds(30), because: "every replica applies the change");
        output.WriteLine($"the second replica applied the change {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s after it was saved");

        // ...and its next answer is written by that model, at that endpoint, with that key and those limits.
        using var client = replica.CreateClient();
        using (var import = await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), new StringContent(
            """{"id":"models-page-1","title":"Reversal of warfarin","text":"Warfarin anticoagulation is reversed with intravenous vitamin K and four-factor prothrombin complex concentrate when bleeding is major."}""",
            System.Text.Encoding.UTF8, "application/x-ndjson")))
        {
            import.EnsureSuccessStatusCode();
        }

        model.Reset(FakeChatCompletions.Final("Warfarin is reversed with intravenous vitamin K and prothrombin complex concentrate [1]."));
        using (var asked = await client.PostAsJsonAsync(new Uri("/api/knowledge/answers", UriKind.Relative), new { question = "How is warfarin reversed when bleeding is major?" }))
        {
            asked.EnsureSuccessStatusCode();
        }

        var sent = model.Requests.Should().ContainSingle().Subject;
        sent.Path.Should().Be("/v1/chat/completions");
        sent.Authorization.Should().Be("Bearer " + apiKey);
        sent.Body["model"]!.GetValue<string>().Should().Be("clinical-answers-2");
        sent.Body["temperature"]!.GetValue<double>().Should().BeApproximately(0.3, 1e-6);
        sent.Body["max_completion_tokens"]!.GetValue<int>().Should().Be(500);

        var entry = await Eventually.Until(() => AuditEntry("admin.models.changed"), found => found is not null, because: "the change is audited");
        entry!.Value.Actor.Should().Be(admin.Id.ToString());
        entry.Value.Before.Should().Be("""{"apiKey":"not set","baseUrl":"","maxOutputTokens":"400","model":"gpt-4o-mini","provider":"offline","temperature":"0"}""");
        entry.Value.After.Should().Be($$"""{"apiKey":"replaced","baseUrl":"{{model.BaseUrl}}","maxOutputTokens":"500","model":"clinical-answers-2","provider":"openai","temperature":"0.3"}""");
        entry.Value.Before.Should().NotContain(apiKey);
        entry.Value.After.Should().NotContain(apiKey);

        var stored = await StoredRow("Knowledge:Answers:Llm:ApiKey");
        stored.Encrypted.Should().BeTrue();
        stored.Value.Should().StartWith("pe1:").And.NotContain(apiKey);
        (await AllStoredValues()).Should().NotContain(apiKey, "no row holds the key in clear");
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Test_connection_makes_a_real_call_with_the_forms_values_and_explains_a_closed_port()
    {
        await using var model = await FakeChatCompletions.Start();
        var typedKey = "sk-typed-" + Guid.NewGuid().ToString("N");
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(admin, "/admin/models");
        var page = browser.Page;
        var before = await AllStoredValues();

        model.Reset(FakeChatCompletions.Final("ready"));
        var conversation = Section(page, "Conversation model");
        await conversation.GetByLabel("Engine").SelectOptionAsync("openai");
        await conversation.GetByLabel("Base URL").FillAsync(model.BaseUrl.ToString());
        await conversation.GetByLabel("Model").FillAsync("ward-chat");
        await conversation.GetByLabel("Replace API key").FillAsync(typedKey);
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Test conversation model connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("#models-conversation-test")).ToContainTextAsync("Connected: test-model answered in");
        (await page.ContentAsync()).Should().NotContain(typedKey, "a typed key is not sent back either");

        var sent = model.Requests.Should().ContainSingle().Subject;
        sent.Method.Should().Be("POST");
        sent.Path.Should().Be("/v1/chat/completions");
        sent.Authorization.Should().Be("Bearer " + typedKey);
        sent.Body["model"]!.GetValue<string>().Should().Be("ward-chat");
        sent.Roles.Should().Equal("user");
        sent.Body["max_completion_tokens"]!.GetValue<int>().Should().Be(16);
        (await browser.FitsWidth()).Should().BeTrue();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();

        conversation = Section(page, "Conversation model");
        await Assertions.Expect(conversation.GetByLabel("Model")).ToHaveValueAsync("ward-chat");
        await conversation.GetByLabel("Base URL").FillAsync($"http://127.0.0.1:{ClosedPort()}/v1");
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Test conversation model connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("#models-conversation-test")).ToContainTextAsync("Could not connect to http://127.0.0.1:");
        await Assertions.Expect(page.Locator("#models-conversation-test")).ToContainTextAsync("connection refused");
        await browser.Screenshot("models-test-connection");

        (await AllStoredValues()).Should().Be(before, "testing saves nothing");
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_values_are_refused_next_to_their_fields_and_change_nothing()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(admin, "/admin/models");
        var page = browser.Page;
        var before = await AllStoredValues();
        var audited = await AuditCount();

        var answers = Section(page, "Answer model");
        await answers.GetByLabel("Engine").SelectOptionAsync("openai");
        await answers.GetByLabel("Base URL").FillAsync("ftp://models.hospital.example/v1");
        await answers.GetByLabel("Model").FillAsync("");
        await answers.GetByLabel("Temperature").FillAsync("2.5");
        await answers.GetByLabel("Longest answer (tokens)").FillAsync("1000000");
        await answers.GetByLabel("Replace API key").FillAsync("two words");
        await answers.GetByRole(AriaRole.Button, new() { Name = "Save answer model" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(page.Locator("#models-answers-baseUrl-error")).ToHaveTextAsync("Enter an absolute http:// or https:// URL (without a user name or password in it).");
        await Assertions.Expect(page.Locator("#models-answers-model-error")).ToContainTextAsync("an OpenAI-compatible endpoint needs it");
        await Assertions.Expect(page.Locator("#models-answers-temperature-error")).ToHaveTextAsync("Enter a number from 0 to 2, e.g. 0.2.");
        await Assertions.Expect(page.Locator("#models-answers-maxOutputTokens-error")).ToHaveTextAsync("Enter a whole number from 16 to 16384.");
        await Assertions.Expect(page.Locator("#models-answers-apikey-error")).ToHaveTextAsync("An API key has no spaces or line breaks.");
        await Assertions.Expect(Section(page, "Answer model").GetByLabel("Temperature")).ToHaveValueAsync("2.5");
        (await browser.FitsWidth()).Should().BeTrue();
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        await browser.Screenshot("models-invalid");

        (await AllStoredValues()).Should().Be(before, "nothing was saved");
        (await AuditCount()).Should().Be(audited, "nothing was changed, so nothing is audited");
    }

    [Fact]
    public async Task Auditors_and_clinicians_are_refused_and_a_post_without_its_antiforgery_token_changes_nothing()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(admin, "/admin/models");
            var before = await AllStoredValues();
            var forged = await browser.Page.APIRequest.PostAsync(browser.Url("/admin/models").ToString(), new()
            {
                Form = browser.Page.APIRequest.CreateFormData().Set("Input.Section", "answers").Set("Input.Provider", "openai")
                    .Set("Input.Values[baseUrl]", "https://attacker.example/v1").Set("Input.Values[model]", "x"),
            });
            forged.Status.Should().Be(400, "Razor Pages refuse a form post without its antiforgery token");
            (await AllStoredValues()).Should().Be(before);
        }

        var auditor = await host.CreateBrowserAccount(Roles.Auditor);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(auditor, "/admin");
            (await browser.Open("/admin/models")).Should().Be(403);
        }

        var clinician = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await using (var browser = await ConsoleBrowser.Open(host.Root, output))
        {
            await browser.SignIn(clinician, "/admin");
            (await browser.Open("/admin/models")).Should().Be(403);
            await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        }
    }

    private static ILocator Section(IPage page, string title) =>
        page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });

    private async Task<(string? Actor, string? Before, string? After)?> AuditEntry(string action)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT actor_id, before_value, after_value FROM compliance.audit_entries WHERE action = @action AND resource_id = 'answers'", connection);
        command.Parameters.AddWithValue("action", action);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    private async Task<long> AuditCount()
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM compliance.audit_entries WHERE action = 'admin.models.changed'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(string Value, bool Encrypted)> StoredRow(string key)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value, encrypted FROM admin.console_settings WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue($"{key} is stored");
        return (reader.GetString(0), reader.GetBoolean(1));
    }

    /// <summary>Every stored setting, as one text to compare before and after.</summary>
    private async Task<string> AllStoredValues()
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(string_agg(key || '=' || value || ':' || encrypted, E'\\n' ORDER BY key), '') FROM admin.console_settings", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
