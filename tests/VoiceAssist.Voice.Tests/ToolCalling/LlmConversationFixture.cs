using VoiceAssist.Testing;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Voice.Tests.ToolCalling;

/// <summary>The real host with <c>Voice:Llm</c> pointing at a <see cref="FakeChatCompletions"/> on loopback.</summary>
public sealed class LlmConversationFixture : IAsyncLifetime
{
    public FakeChatCompletions Model { get; private set; } = null!;

    public VoiceAssistFactory Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatCompletions.Start();
        Host = new LlmHostFactory(Model.BaseUrl);
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }

    private sealed class LlmHostFactory(Uri baseUrl) : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Voice:Llm:BaseUrl"] = baseUrl.ToString(),
            ["Voice:Llm:ApiKey"] = "test-key",
            ["Voice:Llm:Model"] = "test-model",
            ["Voice:Llm:TimeoutSeconds"] = "10",
            // Keyword retrieval is enough for the one document the tests import; no embedding server needed.
            ["Knowledge:Embeddings:Provider"] = "none",
        };
    }
}
