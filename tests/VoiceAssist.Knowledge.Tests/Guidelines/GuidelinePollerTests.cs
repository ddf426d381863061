using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Guidelines;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Guidelines;

/// <summary>A guideline page served on loopback with ETags, as a society's web server would. The text is from the
/// 2017 ACC/AHA blood pressure guideline (Whelton PK, et al. Hypertension. 2018;71(6):e13-e115,
/// doi:10.1161/HYP.0000000000000065), section 3.3 (categories of blood pressure in adults).</summary>
public sealed class GuidelinePollerTests(GuidelinePollerTests.Factory factory) : IClassFixture<GuidelinePollerTests.Factory>
{
    private const string Version1 = "<html><body><nav>Menu</nav><main><h1>Blood pressure categories</h1><p>Stage 1 hypertension is a systolic blood pressure of 130 to 139 mm Hg or a diastolic blood pressure of 80 to 89 mm Hg.</p></main></body></html>";
    private const string Version2 = "<html><body><nav>Menu</nav><main><h1>Blood pressure categories</h1><p>Stage 1 hypertension is a systolic blood pressure of 130 to 139 mm Hg or a diastolic blood pressure of 80 to 89 mm Hg.</p><p>Stage 2 hypertension is a systolic blood pressure of at least 140 mm Hg or a diastolic blood pressure of at least 90 mm Hg.</p></main></body></html>";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_changed_guideline_is_reingested_and_announced_once_and_an_unchanged_one_is_not()
    {
        var poller = factory.Services.GetRequiredService<GuidelinePoller>();
        factory.Site.Serve(Version1, "\"v1\"");

        await poller.PollDue(CancellationToken.None);
        var events = await Events();
        events.Should().ContainSingle();
        events[0].FirstSeen.Should().BeTrue();
        var documentId = events[0].DocumentId;
        (await client.WaitUntilSearchable(documentId)).GetProperty("status").GetString().Should().Be("ready");
        (await client.Search("stage 1 hypertension systolic")).Passages().First().GetProperty("documentId").GetGuid().Should().Be(documentId);

        await poller.PollDue(CancellationToken.None);
        factory.Site.LastIfNoneMatch.Should().Be("\"v1\"", "the second check is conditional");
        factory.Site.NotModifiedCount.Should().Be(1);
        (await Events()).Should().ContainSingle("a 304 changes nothing");

        factory.Site.Serve(Version1, "\"v1-regenerated\"");
        await poller.PollDue(CancellationToken.None);
        (await Events()).Should().ContainSingle("a new ETag over the same bytes is not a change");

        factory.Site.Serve(Version2, "\"v2\"");
        await poller.PollDue(CancellationToken.None);
        events = await Events();
        events.Should().HaveCount(2);
        events[1].FirstSeen.Should().BeFalse();
        events[1].DocumentId.Should().Be(documentId, "the same document is replaced");
        await Eventually.Until(() => client.Search("stage 2 hypertension at least 140"), r => r.Passages().Any(p => p.GetProperty("text").GetString()!.Contains("Stage 2", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "new version searchable");
        (await client.Search("stage 2 hypertension at least 140")).Passages().First().GetProperty("documentId").GetGuid().Should().Be(documentId);
    }

    private async Task<List<GuidelineUpdated>> Events()
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload::text FROM knowledge.outbox_messages WHERE type LIKE '%GuidelineUpdated%' ORDER BY occurred_at", connection);
        var events = new List<GuidelineUpdated>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(JsonSerializer.Deserialize<GuidelineUpdated>(reader.GetString(0), Web)!);
        }

        return events;
    }

    public sealed class Factory : KnowledgeFactory
    {
        public GuidelineSite Site { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            // The test drives the checks itself; the background loop stays off.
            ["Knowledge:Guidelines:Enabled"] = "false",
            ["Knowledge:Guidelines:PollInterval"] = "00:00:00",
            ["Knowledge:Guidelines:Sources:0:Name"] = "Blood pressure categories",
            ["Knowledge:Guidelines:Sources:0:Url"] = $"{Site.Address}guidelines/blood-pressure.html",
            ["Knowledge:Guidelines:Sources:0:Publisher"] = "American College of Cardiology / American Heart Association",
            ["Knowledge:Guidelines:Sources:0:Tags:0"] = "hypertension",
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Site.DisposeAsync();
        }
    }

    /// <summary>Serves one page with an ETag and answers 304 to a matching If-None-Match.</summary>
    public sealed class GuidelineSite : IAsyncDisposable
    {
        private readonly WebApplication app;
        private volatile string body = "";
        private volatile string etag = "";

        public GuidelineSite()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.MapGet("/guidelines/blood-pressure.html", (HttpContext context) =>
            {
                LastIfNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
                context.Response.Headers.ETag = etag;
                if (LastIfNoneMatch == etag)
                {
                    NotModifiedCount++;
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                return Results.Text(body, "text/html; charset=utf-8");
            });
            app.StartAsync().GetAwaiter().GetResult();
            Address = new Uri(app.Urls.First() + "/");
        }

        public Uri Address { get; }

        public string? LastIfNoneMatch { get; private set; }

        public int NotModifiedCount { get; private set; }

        public void Serve(string html, string tag) => (body, etag) = (html, tag);

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
