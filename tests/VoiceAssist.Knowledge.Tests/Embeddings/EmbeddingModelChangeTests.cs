using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Embeddings;

/// <summary>An administrator changes the embedding model while the host runs: every passage is embedded again in the
/// background with the new model, its progress visible, and a query embedding that does not come in time makes the
/// search keyword-only with the reason in the response and on the metric. The models are an OpenAI-compatible
/// endpoint on loopback answering in the documented wire format with deterministic vectors.</summary>
public sealed class EmbeddingModelChangeTests(EmbeddingModelChangeTests.Factory factory) : IClassFixture<EmbeddingModelChangeTests.Factory>
{
    [Fact]
    public async Task Changing_the_model_re_embeds_every_passage_in_the_background_without_a_restart()
    {
        var client = factory.CreateClient();
        await client.Import("""
            {"id":"a1","title":"Aspirin after myocardial infarction","text":"Aspirin lowers the risk of a second heart attack."}
            {"id":"a2","title":"Statins in chronic kidney disease","text":"Statins reduce cardiovascular events in kidney disease."}
            {"id":"a3","title":"Warfarin for atrial fibrillation","text":"Warfarin prevents stroke in atrial fibrillation."}
            """);
        await WaitForVectors(client, "fake-a");
        var first = await client.Search("aspirin heart attack");
        first.GetProperty("mode").GetString().Should().Be("hybrid");
        first.GetProperty("fallback").ValueKind.Should().Be(JsonValueKind.Null);

        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        configuration["Knowledge:Embeddings:Model"] = "fake-b";
        configuration.Reload();

        var status = await WaitForVectors(client, "fake-b");
        status.GetProperty("passagesWaitingForVectors").GetInt64().Should().Be(0);
        factory.Models.Should().Contain("fake-b");
        await using (var command = NpgsqlDataSource.Create(factory.DatabaseConnectionString).CreateCommand("SELECT DISTINCT embedding_model FROM knowledge.chunks"))
        {
            (await command.ExecuteScalarAsync()).Should().Be("fake-b", "every stored vector records the model that made it, and none of the old one is left");
        }

        var second = await client.Search("aspirin heart attack");
        second.GetProperty("mode").GetString().Should().Be("hybrid");
        second.Passages().First().GetProperty("externalId").GetString().Should().Be("a1");
    }

    [Fact]
    public async Task A_query_embedding_that_does_not_come_in_time_is_a_keyword_search_that_says_so()
    {
        var client = factory.CreateClient();
        await client.Import("""{"id":"t1","title":"Heparin for deep vein thrombosis","text":"Heparin treats deep vein thrombosis."}""");
        await Eventually.Until(() => client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative)),
            s => s.GetProperty("passagesWaitingForVectors").GetInt64() == 0, TimeSpan.FromMinutes(2), "every passage embedded");
        var fallbacks = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "voiceassist.search.keyword_fallbacks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (fallbacks)
            {
                fallbacks.Add(tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value?.ToString());
            }
        });
        listener.Start();

        factory.Slow = true;
        try
        {
            var result = await client.Search("heparin thrombosis");
            result.GetProperty("mode").GetString().Should().Be("keyword");
            result.GetProperty("fallback").GetString().Should().Be("query-embedding-timeout");
            result.Passages().Should().NotBeEmpty("the keyword ranking still answers");
        }
        finally
        {
            factory.Slow = false;
        }

        lock (fallbacks)
        {
            fallbacks.Should().Contain("query-embedding-timeout");
        }
    }

    private static Task<JsonElement> WaitForVectors(HttpClient client, string model) =>
        Eventually.Until(() => client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative)),
            s => s.GetProperty("embeddingModel").GetString() == model && s.GetProperty("passages").GetInt64() > 0
                && s.GetProperty("passagesWithVectors").GetInt64() == s.GetProperty("passages").GetInt64(),
            TimeSpan.FromMinutes(2), $"every passage embedded by {model}");

    public sealed class Factory : KnowledgeFactory
    {
        private readonly WebApplication fake;
        private readonly HashedEmbedder embedder = new();

        public Factory()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            fake = builder.Build();
            fake.MapPost("/v1/embeddings", async (HttpContext context) =>
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
                var model = body.GetProperty("model").GetString()!;
                lock (Models)
                {
                    Models.Add(model);
                }

                var inputs = body.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToList();
                if (Slow && inputs.Count == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }

                return Results.Json(new
                {
                    @object = "list",
                    data = inputs.Select((text, index) => new { @object = "embedding", index, embedding = embedder.Embed(model + " " + text) }),
                    model,
                    usage = new { prompt_tokens = inputs.Count, total_tokens = inputs.Count },
                });
            });
            fake.StartAsync().GetAwaiter().GetResult();
        }

        public HashSet<string> Models { get; } = [];

        private volatile bool slow;

        /// <summary>A single-text request (a search's query) answers after 3 s, past the query timeout.</summary>
        public bool Slow
        {
            get => slow;
            set => slow = value;
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:Embeddings:Provider"] = "openai",
            ["Knowledge:Embeddings:Endpoint"] = fake.Urls.Single() + "/v1",
            ["Knowledge:Embeddings:Model"] = "fake-a",
            ["Knowledge:Embeddings:QueryTimeout"] = "00:00:00.500",
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await fake.DisposeAsync();
        }
    }
}
