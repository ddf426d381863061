using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>Uploads flagged as containing patient information: stored only encrypted, found and read only by the
/// clinician who uploaded them, managed (deleted) but never read by administrators, every read audited.</summary>
public sealed class PatientDocumentTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    // A fictitious patient; the distinctive words must appear nowhere in the database in readable form.
    private const string Letter = """
        # Discharge letter for Thaddeus Quimby

        Thaddeus Quimby, MRN 55120943, was admitted with a left lower lobe pneumonia and was discharged home after
        his fever settled. His general practitioner will review him in the surgery in two weeks.
        """;

    private static readonly string[] Distinctive = ["quimb", "thaddeus", "55120943"];

    [Fact]
    public async Task A_patient_document_is_only_ciphertext_in_the_database_and_only_its_owner_finds_reads_and_is_answered_from_it()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateClientSignedInAs(Roles.Clinician);
        var id = await UploadLetter(owner.Client);

        var document = await owner.Client.WaitUntilSearchable(id);
        document.GetProperty("status").GetString().Should().Be("ready");
        document.GetProperty("title").GetString().Should().Be("Quimby discharge letter");
        document.GetProperty("containsPhi").GetBoolean().Should().BeTrue();
        (await ReadableCopies(factory.DatabaseConnectionString)).Should().BeEmpty("no knowledge table may hold the patient's name or MRN readable");

        var found = (await owner.Client.Search("Quimby pneumonia")).Passages().Where(p => p.GetProperty("documentId").GetGuid() == id).ToList();
        found.Should().ContainSingle().Which.GetProperty("text").GetString().Should().Contain("Thaddeus Quimby, MRN 55120943");
        var answer = await Answer(owner.Client, "What was Thaddeus Quimby admitted with?");
        answer.GetProperty("found").GetBoolean().Should().BeTrue(answer.GetRawText());
        answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("documentId").GetGuid()).Should().Contain(id);
        answer.GetProperty("text").GetString().Should().Contain("left lower lobe pneumonia");
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}/text")).GetProperty("text").GetString().Should().Contain("MRN 55120943");

        (await colleague.Search("Quimby pneumonia")).Passages().Should().NotContain(p => p.GetProperty("documentId").GetGuid() == id);
        var colleagueAnswer = await Answer(colleague, "What was Thaddeus Quimby admitted with?");
        colleagueAnswer.GetRawText().Should().NotContainAny("Quimby", "55120943", id.ToString());
        (await colleague.GetAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await colleague.GetAsync(new Uri($"/api/knowledge/documents/{id}/text", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await colleague.DeleteAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var colleagueList = await colleague.GetFromJsonAsync<JsonElement>("/api/knowledge/patient-documents");
        colleagueList.EnumerateArray().Should().NotContain(d => d.GetProperty("id").GetGuid() == id);
        (await owner.Client.Document(id)).GetProperty("id").GetGuid().Should().Be(id, "the colleague's attempts changed nothing");
    }

    [Fact]
    public async Task An_administrator_lists_and_deletes_a_patient_document_without_reading_it()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var id = await UploadLetter(owner.Client);
        await owner.Client.WaitUntilSearchable(id);

        (await admin.GetAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync(new Uri($"/api/knowledge/documents/{id}/text", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.Search("Quimby pneumonia")).Passages().Should().NotContain(p => p.GetProperty("documentId").GetGuid() == id);
        using var listed = await admin.GetAsync(new Uri("/api/knowledge/patient-documents", UriKind.Relative));
        var listing = await listed.Content.ReadAsStringAsync();
        listing.Should().Contain(id.ToString()).And.Contain(owner.Id.ToString()).And.NotContainAny("Quimby", "quimby-discharge");

        (await admin.DeleteAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await owner.Client.GetAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.Client.Search("Quimby pneumonia")).Passages().Should().NotContain(p => p.GetProperty("documentId").GetGuid() == id);
        (await RowsOf(factory.DatabaseConnectionString, "SELECT count(*) FROM knowledge.patient_chunks WHERE document_id = $1", id)).Should().Be(0);
    }

    [Fact]
    public async Task Every_read_of_a_patient_document_is_audited_with_its_reader()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var id = await UploadLetter(owner.Client);
        await owner.Client.WaitUntilSearchable(id);

        await owner.Client.Search("Quimby pneumonia");
        await owner.Client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}/text");
        await colleague.Client.GetAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative));

        var passagesRead = await Eventually.Until(() => Audit(auditor, "phi.ReadPatientDocumentPassages", id), e => e.Count > 0, because: "the search's read of the passages recorded");
        passagesRead.Should().OnlyContain(e => e.GetProperty("actorId").GetString() == owner.Id.ToString());
        var textRead = await Eventually.Until(() => Audit(auditor, "phi.GetDocumentText", id), e => e.Count > 0, because: "the text read recorded");
        textRead.Single().GetProperty("actorId").GetString().Should().Be(owner.Id.ToString());
        var refused = await Eventually.Until(() => Audit(auditor, "phi.GetDocument", id), e => e.Any(x => x.GetProperty("actorId").GetString() == colleague.Id.ToString()), because: "the colleague's attempt recorded");
        refused.Single(e => e.GetProperty("actorId").GetString() == colleague.Id.ToString()).GetProperty("outcome").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task Only_clinicians_upload_patient_documents_and_only_with_a_file_and_a_title()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var content = Encoding.UTF8.GetBytes(Letter);

        (await admin.UploadRaw("letter.md", content, new Dictionary<string, string> { ["containsPhi"] = "true" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await clinician.UploadRaw("letter.md", content)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "shared documents are curated by administrators");
        using var withPublisher = await clinician.UploadRaw("letter.md", content, new Dictionary<string, string> { ["containsPhi"] = "true", ["publisher"] = "St Elsewhere" });
        withPublisher.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withPublisher.Content.ReadAsStringAsync()).Should().Contain("containsPhi");
        (await clinician.UploadRaw("letter.md", content, new Dictionary<string, string> { ["containsPhi"] = "maybe" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task After_key_rotation_the_reencryption_job_moves_patient_documents_to_the_new_key()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var id = await UploadLetter(owner.Client);
        await owner.Client.WaitUntilSearchable(id);

        var rotated = await (await admin.PostAsync(new Uri("/api/compliance/encryption/keys/rotate", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var newKey = rotated.GetProperty("activeKeyId").GetInt32();
        (await StoredValues(factory.DatabaseConnectionString, id)).Should().NotContain(v => v.StartsWith($"pe1:{newKey}:", StringComparison.Ordinal), "rotation rewrites nothing");
        using var job = await admin.PostAsync(new Uri("/api/compliance/encryption/reencrypt", UriKind.Relative), null);
        var reencrypted = await job.Content.ReadFromJsonAsync<JsonElement>();

        reencrypted.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Contain([
            "knowledge.patient_document_contents.title", "knowledge.patient_document_contents.file_name", "knowledge.patient_document_contents.text",
            "knowledge.patient_document_contents.source", "knowledge.patient_chunks.text", "knowledge.patient_chunks.section", "knowledge.patient_chunks.terms"]);
        var stored = await StoredValues(factory.DatabaseConnectionString, id);
        stored.Should().NotBeEmpty().And.OnlyContain(v => v.StartsWith($"pe1:{newKey}:", StringComparison.Ordinal));
        (await ReadableCopies(factory.DatabaseConnectionString)).Should().BeEmpty();
        (await owner.Client.Search("Quimby pneumonia")).Passages().Should().Contain(p => p.GetProperty("documentId").GetGuid() == id);
        (await owner.Client.Document(id)).GetProperty("title").GetString().Should().Be("Quimby discharge letter");
    }

    internal static async Task<Guid> UploadLetter(HttpClient client, bool containsPhi = true)
    {
        var accepted = await client.Upload("quimby-discharge.md", Encoding.UTF8.GetBytes(Letter),
            new Dictionary<string, string> { ["containsPhi"] = containsPhi ? "true" : "false", ["title"] = "Quimby discharge letter" });
        return accepted.GetProperty("documentId").GetGuid();
    }

    private static async Task<JsonElement> Answer(HttpClient client, string question)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/answers", UriKind.Relative), new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> Audit(HttpClient auditor, string action, Guid id)
    {
        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action={action}&resourceId={id}");
        return [.. page.GetProperty("entries").EnumerateArray()];
    }

    /// <summary>Every row of every table of the knowledge schema, as PostgreSQL renders it (tsvectors included),
    /// that contains one of the letter's distinctive words; read past the application.</summary>
    internal static async Task<List<string>> ReadableCopies(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'knowledge'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["documents", "chunks", "document_sources", "patient_document_contents", "patient_chunks", "outbox_messages"]);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM knowledge.\"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = reader.GetString(0);
                if (Distinctive.Any(word => row.Contains(word, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{table}: {row}");
                }
            }
        }

        return found;
    }

    private static async Task<List<string>> StoredValues(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT v FROM knowledge.patient_document_contents p, LATERAL (VALUES (p.title), (p.file_name), (p.text), (p.source)) AS x(v) WHERE p.document_id = $1 AND v IS NOT NULL
            UNION ALL
            SELECT v FROM knowledge.patient_chunks c, LATERAL (VALUES (c.section), (c.text), (c.terms)) AS x(v) WHERE c.document_id = $1 AND v IS NOT NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<long> RowsOf(string connectionString, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The probe the tests above rely on finds the letter's words when they are stored readable: the same letter
/// uploaded as a shared document shows up in the documents, chunks (text and tsvector) and outbox tables.</summary>
public sealed class PatientDocumentProbeTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    [Fact]
    public async Task The_raw_table_probe_finds_the_same_letter_uploaded_unflagged()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var id = await PatientDocumentTests.UploadLetter(admin, containsPhi: false);
        await admin.WaitUntilSearchable(id);

        var copies = await PatientDocumentTests.ReadableCopies(factory.DatabaseConnectionString);

        copies.Should().Contain(c => c.StartsWith("documents:", StringComparison.Ordinal));
        copies.Should().Contain(c => c.StartsWith("chunks:", StringComparison.Ordinal) && c.Contains("'quimbi'", StringComparison.Ordinal), "the tsvector holds the stemmed name");
        (await admin.Search("Quimby pneumonia")).Passages().Should().Contain(p => p.GetProperty("documentId").GetGuid() == id);
    }
}
