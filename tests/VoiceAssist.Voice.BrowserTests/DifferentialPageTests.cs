using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Voice.BrowserTests;

/// <summary>The live host with <c>Voice:Llm</c> pointing at a fake Chat Completions endpoint, for pages that show
/// what only a configured model produces.</summary>
public sealed class LlmLiveHostFixture : IAsyncLifetime
{
    public FakeChatCompletions Model { get; private set; } = null!;

    public LiveHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatCompletions.Start();
        Host = new LlmLiveHost(Model.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }

    private sealed class LlmLiveHost(Uri baseUrl) : LiveHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Voice:Llm:BaseUrl"] = baseUrl.ToString(),
            ["Voice:Llm:Model"] = "test-model",
            ["Knowledge:Embeddings:Provider"] = "none",
            ["Knowledge:DemoData:Enabled"] = "false",
        };
    }
}

/// <summary>A differential diagnosis on the voice page: the ranked, cited items and the safety notice beside them.</summary>
public sealed class DifferentialPageTests(LlmLiveHostFixture fixture) : IClassFixture<LlmLiveHostFixture>
{
    private const int Minute = 60_000;

    [Fact]
    public async Task A_differential_is_shown_with_its_safety_notice_citations_and_next_calculators()
    {
        using var client = fixture.Host.CreateClient();
        await ImportGuidance(client);
        fixture.Model.Reset(FakeChatCompletions.Final("""
            {"differential":[{"diagnosis":"Pulmonary embolism","reasoning":"Pleuritic chest pain with a swollen calf raises suspicion of pulmonary embolism [1].","calculators":["wells-pe","perc"]}]}
            """));
        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Host.Root.ToString());
        await page.WaitForFunctionAsync("() => window.voiceAssistTest && voiceAssistTest.connected", null, new() { Timeout = Minute });

        await page.GetByLabel("Type instead").FillAsync("Differential for a 60-year-old with pleuritic chest pain, fever and a swollen calf");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 1", null, new() { Timeout = Minute });

        var answer = page.Locator("#transcript li.assistant").Last;
        var notice = answer.GetByRole(AriaRole.Note);
        (await notice.IsVisibleAsync()).Should().BeTrue();
        (await notice.TextContentAsync()).Should().StartWith("Decision support, not a diagnosis");
        var item = answer.Locator(".differential-card ol.differential li");
        (await item.CountAsync()).Should().Be(1);
        (await item.TextContentAsync()).Should().Contain("Pulmonary embolism").And.Contain("[1]").And.Contain("Next: Wells");
        (await answer.Locator("ol.citations[aria-label='Sources'] li").Last.TextContentAsync()).Should().Contain("Suspected pulmonary embolism");
    }

    private static async Task ImportGuidance(HttpClient client)
    {
        var document = new JsonObject
        {
            ["id"] = "pe-assessment",
            ["title"] = "Suspected pulmonary embolism: assessment",
            ["text"] = "Pleuritic chest pain, breathlessness, haemoptysis or a swollen calf should raise suspicion of pulmonary embolism. "
                + "Assess the clinical probability with the Wells score; at low probability the PERC rule can exclude it.",
        };
        using (var body = new StringContent(document.ToJsonString() + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"))
        {
            (await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body)).EnsureSuccessStatusCode();
        }

        await Eventually.Until(
            async () => await (await client.PostAsJsonAsync(new Uri("/api/knowledge/search", UriKind.Relative), new { query = "pleuritic chest pain swollen calf" })).Content.ReadFromJsonAsync<JsonElement>(),
            r => r.GetProperty("passages").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30),
            "the guidance searchable");
    }
}
