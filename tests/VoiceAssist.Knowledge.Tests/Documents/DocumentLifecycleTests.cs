using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

public sealed class DocumentLifecycleTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Bulk_import_keeps_each_id_as_the_external_id_and_reports_bad_lines()
    {
        var summary = await client.Import("""
            {"id": "1001", "title": "Ferrocalcin in anaemia", "text": "Ferrocalcin raised haemoglobin in anaemic adults."}
            not json at all
            {"id": "1002", "title": "", "text": "Glimopanide lowered HbA1c in type 2 diabetes."}
            {"id": "1003", "title": " ", "text": ""}
            """);

        summary.GetProperty("created").GetInt32().Should().Be(2);
        summary.GetProperty("rejected").GetInt32().Should().Be(2);
        summary.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).Should().Equal(2, 4);
        var hit = (await client.Search("ferrocalcin haemoglobin")).Passages().First();
        hit.GetProperty("externalId").GetString().Should().Be("1001");
    }

    [Fact]
    public async Task Reimporting_a_changed_document_replaces_its_passages_and_an_unchanged_one_changes_nothing()
    {
        await client.Import("""{"id": "r-1", "title": "Oldversion", "text": "Kelvadrine dose was 10 mg daily in the superseded edition."}""");
        var again = await client.Import("""{"id": "r-1", "title": "Oldversion", "text": "Kelvadrine dose was 10 mg daily in the superseded edition."}""");
        again.GetProperty("unchanged").GetInt32().Should().Be(1);

        var replaced = await client.Import("""{"id": "r-1", "title": "Newversion", "text": "Kelvadrine dose is now 20 mg daily in the revised edition."}""");

        replaced.GetProperty("replaced").GetInt32().Should().Be(1);
        (await client.Search("superseded")).Passages().Should().BeEmpty();
        var hits = (await client.Search("kelvadrine dose")).Passages().ToList();
        hits.Should().ContainSingle().Which.GetProperty("text").GetString().Should().Contain("20 mg");
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM knowledge.chunks c JOIN knowledge.documents d ON d.id = c.document_id WHERE d.external_id = 'r-1'", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task Deleting_a_document_removes_it_from_search_and_storage()
    {
        await client.Import("""{"id": "d-1", "title": "Doomed", "text": "Sarpentolol is about to be deleted from the knowledge base."}""");
        var id = (await client.Search("sarpentolol")).Passages().Single().GetProperty("documentId").GetGuid();

        (await client.DeleteAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.Search("sarpentolol")).Passages().Should().BeEmpty();
        (await client.GetAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.DeleteAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Filters_restrict_results_to_a_publisher_a_date_range_and_tags()
    {
        await client.Import("""
            {"id": "f-1", "title": "A", "text": "Oxtrapine guidance from the first society.", "publisher": "First Society", "publishedOn": "2020-01-10", "tags": ["cardiology"]}
            {"id": "f-2", "title": "B", "text": "Oxtrapine guidance from the second society.", "publisher": "Second Society", "publishedOn": "2024-06-01", "tags": ["nephrology"]}
            """);

        (await client.Search("oxtrapine", new { publisher = "Second Society" })).Passages().Single().GetProperty("externalId").GetString().Should().Be("f-2");
        (await client.Search("oxtrapine", new { publishedTo = "2021-12-31" })).Passages().Single().GetProperty("externalId").GetString().Should().Be("f-1");
        (await client.Search("oxtrapine", new { tags = new[] { "nephrology" } })).Passages().Single().GetProperty("externalId").GetString().Should().Be("f-2");
    }

    [Fact]
    public async Task Abbreviations_in_a_question_find_documents_that_spell_the_term_out()
    {
        await client.Import("""
            {"id": "a-1", "title": "", "text": "Patients with chronic kidney disease had more hospital admissions for infection."}
            {"id": "a-2", "title": "", "text": "Hospital admissions for infection were recorded in orthopaedic wards."}
            """);

        (await client.Search("CKD hospital admissions infection")).Passages().First().GetProperty("externalId").GetString().Should().Be("a-1");
    }

    [Fact]
    public async Task The_status_endpoint_shows_documents_by_status()
    {
        await client.Import("""{"id": "s-1", "title": "", "text": "Status endpoint document about plenzamide."}""");

        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));

        status.GetProperty("documentsByStatus").GetProperty("ready").GetInt32().Should().BeGreaterThan(0);
        status.GetProperty("passages").GetInt64().Should().BeGreaterThan(0);
    }
}

/// <summary>Two hosts, one after the other, on one database: the first stops with work queued (its worker is off,
/// as if it died before reaching it) and with a document whose processing was cut off mid-way; the second finishes
/// both without duplicating passages.</summary>
public sealed class RestartDuringIngestionTests
{
    [Fact]
    public async Task Queued_and_interrupted_documents_are_finished_after_a_restart_without_duplicate_passages()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var redis = SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase());
        Guid queued, interrupted;
        using (var first = new RestartFactory(database, redis, workerEnabled: false))
        {
            var client = first.CreateClient();
            queued = (await client.Upload("queued.txt", "Restart test: nortazepam waits in the queue."u8.ToArray())).GetProperty("documentId").GetGuid();
            interrupted = (await client.Upload("interrupted.txt", "Restart test: quellabine was being extracted when the host died."u8.ToArray())).GetProperty("documentId").GetGuid();
            (await client.Document(queued)).GetProperty("status").GetString().Should().Be("queued");
        }

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            // What a host that died mid-way leaves behind: the document claimed, its lease running out, and passages
            // from an earlier version of it.
            await using var crash = new NpgsqlCommand("""
                UPDATE knowledge.documents SET status = 'extracting', lease_until = now() - interval '1 minute', attempts = 1 WHERE id = @id;
                INSERT INTO knowledge.chunks (document_id, ordinal, text, token_count, tsv) VALUES (@id, 0, 'stale quellabine passage', 3, to_tsvector('english', 'stale quellabine passage'));
                UPDATE knowledge.documents SET chunk_count = 1, index_revision = 1 WHERE id = @id;
                """, connection);
            crash.Parameters.AddWithValue("id", interrupted);
            await crash.ExecuteNonQueryAsync();
        }

        using var second = new RestartFactory(database, redis, workerEnabled: true);
        var restarted = second.CreateClient();
        (await restarted.WaitUntilSearchable(queued)).GetProperty("status").GetString().Should().Be("ready");
        var finished = await Eventually.Until(() => restarted.Document(interrupted), d => d.GetProperty("status").GetString() == "ready", TimeSpan.FromSeconds(60));
        finished.GetProperty("chunkCount").GetInt32().Should().Be(1);
        (await restarted.Search("nortazepam")).Passages().Should().ContainSingle();
        (await restarted.Search("stale")).Passages().Should().BeEmpty();
        var quellabine = (await restarted.Search("quellabine")).Passages().Should().ContainSingle().Subject;
        quellabine.GetProperty("text").GetString().Should().Contain("being extracted");
    }

    private sealed class RestartFactory(string database, string redis, bool workerEnabled) : KnowledgeFactory(database, redis)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:Ingestion:WorkerEnabled"] = workerEnabled ? "true" : "false",
        };
    }
}
