using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.PubMed;

/// <summary>Contract tests of the E-utilities client against NCBI's recorded responses (see recorded/README.md),
/// served on loopback by a stand-in that checks each request's parameters as NCBI would receive them.</summary>
public sealed class PubMedTests(PubMedTests.Factory factory) : IClassFixture<PubMedTests.Factory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_search_returns_citable_articles_built_from_esearch_and_efetch()
    {
        factory.Ncbi.Reset();

        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/search", UriKind.Relative), new { query = "dexamethasone covid-19 recovery", maxResults = 5 });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var results = await response.Content.ReadFromJsonAsync<JsonElement>();
        results.GetProperty("totalCount").GetInt32().Should().Be(1);
        var article = results.GetProperty("articles").EnumerateArray().Single();
        article.GetProperty("pmid").GetString().Should().Be("32678530");
        article.GetProperty("title").GetString().Should().Be("Dexamethasone in Hospitalized Patients with Covid-19.");
        article.GetProperty("journal").GetString().Should().Be("The New England journal of medicine");
        article.GetProperty("publishedOn").GetString().Should().Be("2021-02-25");
        article.GetProperty("abstract").GetString().Should().Contain("RESULTS: A total of 2104 patients were assigned to receive dexamethasone");
        article.GetProperty("url").GetString().Should().Be("https://pubmed.ncbi.nlm.nih.gov/32678530/");
        article.GetProperty("reference").GetString().Should().Be(
            "RECOVERY Collaborative Group, Horby P, Lim WS, et al. Dexamethasone in Hospitalized Patients with Covid-19. N Engl J Med. 2021;384(8):693-704. doi:10.1056/NEJMoa2021436 PMID: 32678530");

        var requests = factory.Ncbi.Requests.ToList();
        requests.Select(r => r.Path).Should().Equal("/entrez/eutils/esearch.fcgi", "/entrez/eutils/efetch.fcgi");
        requests[0].Query.Should().Contain(new Dictionary<string, string> { ["db"] = "pubmed", ["term"] = "dexamethasone covid-19 recovery", ["retmax"] = "5", ["retmode"] = "json", ["tool"] = "VoiceAssist", ["email"] = "knowledge-tests@example.org" });
        requests[1].Query.Should().Contain(new Dictionary<string, string> { ["db"] = "pubmed", ["id"] = "32678530", ["retmode"] = "xml" });
        requests.Should().OnlyContain(r => !r.Query.ContainsKey("api_key"), "no key is configured");
    }

    [Fact]
    public async Task Ingested_articles_are_searchable_and_cited_by_pmid_and_ingesting_again_changes_nothing()
    {
        factory.Ncbi.Reset();

        var first = await Ingest("32678530");
        var again = await Ingest("32678530");

        first.GetProperty("documents")[0].GetProperty("outcome").GetString().Should().Be("created");
        again.GetProperty("documents")[0].GetProperty("outcome").GetString().Should().Be("unchanged");
        var hit = (await client.Search("dexamethasone 28-day mortality invasive mechanical ventilation")).Passages().First();
        hit.GetProperty("externalId").GetString().Should().Be("32678530");
        hit.GetProperty("title").GetString().Should().Be("Dexamethasone in Hospitalized Patients with Covid-19.");
    }

    [Fact]
    public async Task A_rate_limited_answer_is_retried_and_requests_never_exceed_three_per_second_without_a_key()
    {
        factory.Ncbi.Reset(rateLimitFirst: 1);

        var searches = Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/search", UriKind.Relative), new { query = "dexamethasone covid-19 recovery" }));
        var responses = await Task.WhenAll(searches);

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var times = factory.Ncbi.Requests.Select(r => r.At).Order().ToList();
        times.Should().HaveCount(7, "three searches of two requests each, plus the retried 429");
        for (var i = 3; i < times.Count; i++)
        {
            // Any four consecutive requests span at least a second (less a little timer granularity).
            (times[i] - times[i - 3]).Should().BeGreaterThan(TimeSpan.FromMilliseconds(950));
        }
    }

    [Fact]
    public async Task A_query_ncbi_rejects_is_a_502_with_its_reason()
    {
        factory.Ncbi.Reset(badQuery: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/search", UriKind.Relative), new { query = "((" });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Invalid query");
    }

    [Theory]
    [InlineData("{\"pmids\":[]}")]
    [InlineData("{\"pmids\":[\"PMC123\"]}")]
    public async Task Ingesting_without_valid_pmids_is_a_400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/knowledge/pubmed/ingest", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_an_administrator_ingests_articles_and_the_ingestion_is_attributed_to_them_in_the_audit_trail()
    {
        factory.Ncbi.Reset();
        await Support.KnowledgeDatabase.Execute(factory, "DELETE FROM knowledge.documents WHERE external_id = '32678530'");
        foreach (var role in new[] { Roles.Viewer, Roles.Auditor, Roles.Clinician })
        {
            var caller = await factory.CreateClientSignedInAs(role);
            using var refused = await caller.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/ingest", UriKind.Relative), new { pmids = new[] { "32678530" } });
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, role);
        }

        factory.Ncbi.Requests.Should().BeEmpty("a refused caller reaches neither NCBI nor the knowledge base");
        var admin = await factory.CreateSignedInUser(Roles.Admin);
        using var response = await admin.Client.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/ingest", UriKind.Relative), new { pmids = new[] { "32678530" } });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var documentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0].GetProperty("documentId").GetString();

        var ingested = (await Support.AuditTrail.Entries(factory, "knowledge.document.ingested", documentId)).Single();
        ingested.ActorId.Should().Be(admin.Id.ToString());
        var change = (await Support.AuditTrail.Entries(factory, "knowledge.pubmed.ingested")).Last();
        change.ActorId.Should().Be(admin.Id.ToString());
        change.After.Should().Contain("\"pmids\":[\"32678530\"]");
        await Support.KnowledgeDatabase.Execute(factory, "DELETE FROM knowledge.documents WHERE external_id = '32678530'");
    }

    private async Task<JsonElement> Ingest(params string[] pmids)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/ingest", UriKind.Relative), new { pmids });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public sealed class Factory : KnowledgeFactory
    {
        public RecordedNcbi Ncbi { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:PubMed:BaseUrl"] = $"{Ncbi.Address}entrez/eutils/",
            ["Knowledge:PubMed:Email"] = "knowledge-tests@example.org",
            ["HttpResilience:FirstRetryDelay"] = "00:00:00.050",
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Ncbi.DisposeAsync();
        }
    }

    /// <summary>Serves the recorded responses on a loopback port and keeps every request it received.</summary>
    public sealed class RecordedNcbi : IAsyncDisposable
    {
        private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "PubMed", "recorded");
        private readonly WebApplication app;
        private int rateLimitRemaining;
        private bool badQuery;

        public RecordedNcbi()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.MapGet("/entrez/eutils/esearch.fcgi", (HttpContext context) =>
            {
                Record(context);
                if (Interlocked.Decrement(ref rateLimitRemaining) >= 0)
                {
                    return Results.Text(File.ReadAllText(Path.Combine(Recorded, "esearch-rate-limited.json")), "application/json", statusCode: 429);
                }

                return Results.Text(File.ReadAllText(Path.Combine(Recorded, badQuery ? "esearch-bad-query.json" : "esearch-dexamethasone.json")), "application/json");
            });
            app.MapGet("/entrez/eutils/efetch.fcgi", (HttpContext context) =>
            {
                Record(context);
                return context.Request.Query["id"].ToString().Split(',').Contains("32678530")
                    ? Results.Text(File.ReadAllText(Path.Combine(Recorded, "efetch-32678530.xml")), "text/xml")
                    : Results.Text("<?xml version=\"1.0\" ?>\n<PubmedArticleSet></PubmedArticleSet>", "text/xml");
            });
            app.StartAsync().GetAwaiter().GetResult();
            Address = new Uri(app.Urls.First() + "/");
        }

        public Uri Address { get; }

        public ConcurrentQueue<(string Path, Dictionary<string, string> Query, DateTimeOffset At)> Requests { get; private set; } = new();

        public void Reset(int rateLimitFirst = 0, bool badQuery = false)
        {
            Requests = new();
            rateLimitRemaining = rateLimitFirst;
            this.badQuery = badQuery;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();

        private void Record(HttpContext context) =>
            Requests.Enqueue((context.Request.Path.Value!, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), DateTimeOffset.UtcNow));
    }
}
