using System.Text;
using FluentValidation;
using Npgsql;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>The console's document changes through Knowledge's contracts, on the same paths as the HTTP API: upload
/// (UploadDocument), JSON-lines import (ImportDocuments), reading (GetDocument), re-index and delete; each change in
/// the audit trail with its actor, reason and values before and after; bad input refused by field, nothing changed.
/// The guideline text is from the 2017 ACC/AHA blood pressure guideline (Whelton PK, et al. Hypertension.
/// 2018;71(6):e13-e115, doi:10.1161/HYP.0000000000000065), section 3.3.</summary>
public sealed class ConsoleDocumentTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private const string Guideline = "# Blood pressure categories\n\nStage 1 hypertension is a systolic blood pressure of 130 to 139 mm Hg or a diastolic blood pressure of 80 to 89 mm Hg.\n";

    private static readonly string[] ScannedPage =
    [
        "ANTICOAGULATION IN ATRIAL FIBRILLATION",
        "",
        "Oral anticoagulation with warfarin reduces the risk of stroke",
        "in patients with nonvalvular atrial fibrillation by about two",
        "thirds compared with placebo.",
    ];

    [Fact]
    public async Task An_upload_is_processed_read_back_in_windows_and_audited_with_its_uploader_and_its_ingestion_too()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);

        var accepted = await admin.Send(new UploadKnowledgeDocument("bp-categories.md", Encoding.UTF8.GetBytes(Guideline), "Blood pressure categories (ACC/AHA 2017)"));
        accepted.Outcome.Should().Be("created");
        var document = await Processed(admin, accepted.DocumentId);

        document.Document.Status.Should().Be("ready");
        document.Document.Title.Should().Be("Blood pressure categories (ACC/AHA 2017)");
        document.Document.SourceType.Should().Be("markdown");
        document.Document.ChunkCount.Should().Be(1);
        document.TextTotalLength.Should().BeGreaterThan(100);
        var window = await admin.Send(new GetKnowledgeDocument(accepted.DocumentId, TextOffset: 10, TextLength: 40));
        window.Text.Should().Be(document.Text.Substring(10, 40));
        window.NextTextOffset.Should().Be(50);
        var last = await admin.Send(new GetKnowledgeDocument(accepted.DocumentId, TextOffset: document.TextTotalLength - 5, TextLength: 40));
        last.Text.Should().HaveLength(5);
        last.NextTextOffset.Should().BeNull();

        var uploaded = (await AuditTrail.Entries(factory, "knowledge.document.uploaded", accepted.DocumentId.ToString())).Single();
        uploaded.ActorId.Should().Be(admin.User.Id.ToString());
        uploaded.ActorRole.Should().Be(Roles.Admin);
        uploaded.ClientIp.Should().Be("10.20.30.40");
        uploaded.Before.Should().BeNull();
        uploaded.After.Should().Contain("\"fileName\":\"bp-categories.md\"").And.Contain("\"bytes\":" + Encoding.UTF8.GetByteCount(Guideline));
        var ingested = (await AuditTrail.Entries(factory, "knowledge.document.ingested", accepted.DocumentId.ToString())).Single();
        ingested.ActorId.Should().Be(admin.User.Id.ToString(), "the worker finishes the upload on behalf of whoever uploaded it");
    }

    [Fact]
    public async Task A_scanned_page_shows_its_ocr_confidence()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);

        var accepted = await admin.Send(new UploadKnowledgeDocument("scanned-af.pdf", TestScan.ScannedPdf(TestPdf.Create(ScannedPage))));
        var document = await Processed(admin, accepted.DocumentId);

        document.Document.Status.Should().Be("ready", document.Document.FailureReason);
        var page = document.OcrPages.Should().ContainSingle().Which;
        page.Page.Should().Be(1);
        page.Confidence.Should().BeGreaterThan(80);
        page.Characters.Should().BeGreaterThan(100);
        document.Text.Should().Contain("Oral anticoagulation with warfarin reduces the risk of stroke");
    }

    [Fact]
    public async Task An_empty_file_or_an_unreadable_one_is_refused_by_field_and_nothing_is_stored()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var before = await Count();

        var empty = await FluentActions.Awaiting(() => admin.Send(new UploadKnowledgeDocument("empty.pdf", []))).Should().ThrowAsync<ValidationException>();
        empty.Which.Errors.Should().Contain(e => e.ErrorMessage == "The file is empty.");
        var zip = await FluentActions.Awaiting(() => admin.Send(new UploadKnowledgeDocument("guidelines.zip", [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).Should().ThrowAsync<ValidationException>();
        zip.Which.Errors.Should().ContainSingle(e => e.PropertyName == "file");

        (await Count()).Should().Be(before);
        (await AuditTrail.Read(factory, "knowledge.document.uploaded")).Should().NotContain(e => e.After!.Contains("empty.pdf") || e.After!.Contains("guidelines.zip"));
    }

    [Fact]
    public async Task Only_an_administrator_uploads_imports_reindexes_or_deletes_through_the_contracts()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var id = (await admin.Send(new UploadKnowledgeDocument("kept.txt", Encoding.UTF8.GetBytes("Kept document about hypertension staging.")))).DocumentId;
        foreach (var role in new[] { Roles.Viewer, Roles.Auditor, Roles.Clinician })
        {
            var caller = await ConsoleCaller.SignIn(factory, role);
            await FluentActions.Awaiting(() => caller.Send(new UploadKnowledgeDocument("x.txt", Encoding.UTF8.GetBytes("text")))).Should().ThrowAsync<ForbiddenException>(role);
            await FluentActions.Awaiting(() => caller.Send(new ImportKnowledgeDocuments(Lines("""{"id":"x","title":"x","text":"x"}""")))).Should().ThrowAsync<ForbiddenException>(role);
            await FluentActions.Awaiting(() => caller.Send(new ReindexKnowledgeDocument(id))).Should().ThrowAsync<ForbiddenException>(role);
            await FluentActions.Awaiting(() => caller.Send(new ReindexKnowledgeBase())).Should().ThrowAsync<ForbiddenException>(role);
            await FluentActions.Awaiting(() => caller.Send(new DeleteKnowledgeDocument(id))).Should().ThrowAsync<ForbiddenException>(role);
            await FluentActions.Awaiting(() => caller.Send(new GetKnowledgeDocument(id))).Should().ThrowAsync<ForbiddenException>(role);
        }

        (await admin.Send(new GetKnowledgeDocument(id))).Document.Id.Should().Be(id, "nothing was removed");
    }

    [Fact]
    public async Task A_json_lines_import_reports_each_bad_line_and_is_audited_and_an_empty_one_is_refused()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var prefix = $"imp-{Guid.NewGuid():N}";

        var summary = await admin.Send(new ImportKnowledgeDocuments(Lines(
            $$"""{"id":"{{prefix}}-1","title":"Stage 1 hypertension","text":"Stage 1 hypertension is 130 to 139 mm Hg systolic."}""",
            "not json",
            $$"""{"id":"{{prefix}}-2","title":"Stage 2 hypertension","text":"Stage 2 hypertension is at least 140 mm Hg systolic."}""",
            $$"""{"id":"{{prefix}}-3","title":" "}""")));

        summary.Should().BeEquivalentTo(new { Received = 4, Created = 2, Replaced = 0, Unchanged = 0, Rejected = 2 });
        summary.Errors.Select(e => e.Line).Should().Equal(2, 4);
        var audit = await AuditTrail.Entries(factory, "knowledge.documents.imported");
        audit.Should().Contain(e => e.ActorId == admin.User.Id.ToString() && e.After!.Contains($"{prefix}-1") && e.After.Contains("\"created\":2"));

        var empty = await FluentActions.Awaiting(() => admin.Send(new ImportKnowledgeDocuments(Lines("", "  ")))).Should().ThrowAsync<ValidationException>();
        empty.Which.Errors.Should().ContainSingle(e => e.PropertyName == "file");
    }

    [Fact]
    public async Task Reindexing_rebuilds_a_documents_keyword_entries_and_is_audited_with_the_reason()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var client = factory.CreateClient();
        var word = "zolmitriptanreindex" + Guid.NewGuid().ToString("N")[..6];
        var id = (await admin.Send(new UploadKnowledgeDocument("reindex.txt", Encoding.UTF8.GetBytes($"Migraine acute treatment with {word} nasal spray.")))).DocumentId;
        await Processed(admin, id);
        (await client.Search(word)).Passages().Should().Contain(p => p.GetProperty("documentId").GetGuid() == id);

        // A damaged index entry, as after a change of text search configuration: the passage no longer matches its words.
        await KnowledgeDatabase.Execute(factory, $"""
            UPDATE knowledge.chunks SET tsv = to_tsvector('english', 'unrelated') WHERE document_id = '{id}';
            UPDATE knowledge.documents SET index_revision = index_revision + 1 WHERE id = '{id}';
            """);
        await Eventually.Until(() => client.Search(word), r => !r.Passages().Any(), TimeSpan.FromSeconds(30), "damaged entry no longer found");

        var result = await admin.Send(new ReindexKnowledgeDocument(id, "Search configuration changed"));

        result.Should().Be(new KnowledgeReindexResult(1, 1));
        await Eventually.Until(() => client.Search(word), r => r.Passages().Any(p => p.GetProperty("documentId").GetGuid() == id), TimeSpan.FromSeconds(30), "found again");
        var entry = (await AuditTrail.Entries(factory, "knowledge.document.reindexed", id.ToString())).Single();
        entry.Reason.Should().Be("Search configuration changed");
        entry.ActorId.Should().Be(admin.User.Id.ToString());
        entry.Before.Should().Contain("\"status\":\"ready\"");

        var all = await admin.Send(new ReindexKnowledgeBase("Nightly check"));
        all.Documents.Should().BeGreaterThanOrEqualTo(1);
        (await AuditTrail.Entries(factory, "knowledge.knowledge_base.reindexed")).Should().Contain(e => e.Reason == "Nightly check" && e.After!.Contains($"\"documents\":{all.Documents}"));
    }

    [Fact]
    public async Task A_document_still_processing_or_missing_is_not_reindexed()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var queued = Guid.CreateVersion7();
        await KnowledgeDatabase.Execute(factory, $"INSERT INTO knowledge.documents (id, title, text, ingested_at, status) VALUES ('{queued}', 'Queued', '', now(), 'extracting')");

        var busy = await FluentActions.Awaiting(() => admin.Send(new ReindexKnowledgeDocument(queued))).Should().ThrowAsync<ValidationException>();
        busy.Which.Errors.Should().ContainSingle(e => e.PropertyName == "id");
        await FluentActions.Awaiting(() => admin.Send(new ReindexKnowledgeDocument(Guid.NewGuid()))).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task A_deleted_document_is_gone_and_its_removal_is_audited_with_the_reason_and_what_it_was()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var id = (await admin.Send(new UploadKnowledgeDocument("withdrawn.txt", Encoding.UTF8.GetBytes("A withdrawn recommendation on aspirin dosing.")))).DocumentId;
        await Processed(admin, id);

        await admin.Send(new DeleteKnowledgeDocument(id, "Withdrawn by the publisher"));

        await FluentActions.Awaiting(() => admin.Send(new GetKnowledgeDocument(id))).Should().ThrowAsync<NotFoundException>();
        var entry = (await AuditTrail.Entries(factory, "knowledge.document.deleted", id.ToString())).Single();
        entry.Reason.Should().Be("Withdrawn by the publisher");
        entry.Before.Should().Contain("\"title\":\"withdrawn\"").And.Contain("\"fileName\":\"withdrawn.txt\"");
        entry.After.Should().BeNull();
    }

    [Fact]
    public async Task Embedding_progress_counts_passages_with_and_without_vectors()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var id = (await admin.Send(new UploadKnowledgeDocument("progress.txt", Encoding.UTF8.GetBytes("Progress of embeddings for heart failure guidance.")))).DocumentId;
        await Processed(admin, id);
        var settled = await Eventually.Until(() => admin.Send(new GetKnowledgeBaseStatus()),
            s => !s.DocumentsByStatus.ContainsKey("queued") && !s.DocumentsByStatus.ContainsKey("extracting"), TimeSpan.FromSeconds(60), "every upload processed");

        await KnowledgeDatabase.Execute(factory, $"UPDATE knowledge.chunks SET embedding = ARRAY[0.5, 0.5]::real[] WHERE document_id = '{id}'");
        var status = await admin.Send(new GetKnowledgeBaseStatus());

        status.Passages.Should().Be(settled.Passages).And.Be(await Scalar("SELECT count(*) FROM knowledge.chunks"));
        status.PassagesWithVectors.Should().Be(settled.PassagesWithVectors + 1);
        status.EmbeddingEnabled.Should().BeFalse("these tests run keyword-only");
        status.PassagesWaitingForVectors.Should().Be(0, "nothing waits for an embedder that does not run");
        status.Documents.Should().Be(status.DocumentsByStatus.Values.Sum());
    }

    private static async Task<KnowledgeDocumentDetail> Processed(ConsoleCaller admin, Guid id) =>
        await Eventually.Until(() => admin.Send(new GetKnowledgeDocument(id)), d => d.Document.Status is "ready" or "embedding" or "failed", TimeSpan.FromSeconds(120), "document processed");

    private static MemoryStream Lines(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    private Task<long> Count() => Scalar("SELECT count(*) FROM knowledge.documents");

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
