using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Knowledge.Tests.Answers.Generative;

/// <summary>The real host (real PostgreSQL) with <c>Knowledge:Answers:Llm</c> pointing at a
/// <see cref="FakeChatCompletions"/> on loopback; a timeout short enough for the timeout test to stay quick, long
/// enough that a loaded machine's first call (connection, JIT) is not mistaken for a slow model.</summary>
public sealed class GenerativeAnswerFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    public FakeChatCompletions Model { get; private set; } = null!;

    public KnowledgeFactory Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatCompletions.Start();
        Host = new GenerativeKnowledgeFactory(Model.BaseUrl);
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }

    public async Task<JsonElement> Ask(string question)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/knowledge/answers", UriKind.Relative), new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Imports abstracts of the PubMedQA set (Jin et al., EMNLP 2019) by PMID, as published.</summary>
    public async Task ImportAbstracts(params string[] pmids)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Search", "data", "paraphrase-corpus.jsonl"));
        var chosen = lines.Where(l => pmids.Contains(JsonDocument.Parse(l).RootElement.GetProperty("id").GetString())).ToList();
        chosen.Should().HaveCount(pmids.Length);
        await Client.Import(string.Join('\n', chosen));
    }

    private sealed class GenerativeKnowledgeFactory(Uri baseUrl) : KnowledgeFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Knowledge:Answers:Llm:BaseUrl"] = baseUrl.ToString();
                settings["Knowledge:Answers:Llm:ApiKey"] = "test-key";
                settings["Knowledge:Answers:Llm:Model"] = "test-model";
                settings["Knowledge:Answers:Llm:Timeout"] = Timeout.ToString();
                settings["Knowledge:Answers:Llm:MaxOutputTokens"] = "300";
                return settings;
            }
        }
    }
}
