using System.Diagnostics;
using FluentValidation;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>The console's document list: filters, title search and keyset paging over shared documents, patient
/// documents listed only by id, owner and status, administrators only.</summary>
public sealed class ListDocumentsTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    [Fact]
    public async Task Filters_search_and_paging_cover_every_shared_document_once_newest_first_without_a_patient_documents_words()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var owner = Guid.NewGuid();
        var batch = $"list{Guid.NewGuid():N}"[..12];
        var ids = Enumerable.Range(0, 25).Select(_ => Guid.CreateVersion7()).ToList();
        var rows = ids.Select((id, i) =>
            $"('{id}', '{(i % 5 == 0 ? "Sepsis bundle" : "Guideline")} {batch} {i}', '', now(), '{(i % 4 == 0 ? "pdf" : "text")}', '{(i % 6 == 0 ? "failed" : "ready")}', {(i == 7 ? "'OCR (page 3 of 12)'" : "NULL")}, NULL)");
        var patientId = Guid.CreateVersion7();
        await KnowledgeDatabase.Execute(factory, $"""
            INSERT INTO knowledge.documents (id, title, text, ingested_at, source_type, status, status_detail, owner_id) VALUES
            {string.Join(",\n", rows)},
            ('{patientId}', 'Patient document', '', now(), 'pdf', 'ready', NULL, '{owner}');
            INSERT INTO knowledge.chunks (document_id, ordinal, text, token_count, tsv, embedding) VALUES
            ('{ids[3]}', 0, 'a', 1, to_tsvector('english', 'a'), ARRAY[0.1,0.2]::real[]),
            ('{ids[3]}', 1, 'b', 1, to_tsvector('english', 'b'), ARRAY[0.1,0.2]::real[]),
            ('{ids[3]}', 2, 'c', 1, to_tsvector('english', 'c'), NULL);
            """);

        var seen = new List<KnowledgeDocumentRow>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.Send(new ListKnowledgeDocuments(Search: batch, After: cursor, PageSize: 7));
            page.Total.Should().Be(25);
            seen.AddRange(page.Documents);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(4);
        seen.Select(d => d.Id).Should().Equal(ids.OrderDescending(), "every document once, in id order (ids are UUIDv7: newest first)");
        seen.Should().NotContain(d => d.Id == patientId);
        seen.Single(d => d.Id == ids[3]).PassagesEmbedded.Should().Be(2);
        seen.Single(d => d.Id == ids[7]).StatusDetail.Should().Be("OCR (page 3 of 12)");

        var failed = await admin.Send(new ListKnowledgeDocuments(Status: "failed", Search: batch));
        failed.Documents.Select(d => d.Id).Should().BeEquivalentTo(ids.Where((_, i) => i % 6 == 0));
        var pdfs = await admin.Send(new ListKnowledgeDocuments(SourceType: "pdf", Search: batch));
        pdfs.Documents.Select(d => d.Id).Should().BeEquivalentTo(ids.Where((_, i) => i % 4 == 0));
        var sepsis = await admin.Send(new ListKnowledgeDocuments(Search: $"SEPSIS BUNDLE {batch}"));
        sepsis.Documents.Select(d => d.Id).Should().BeEquivalentTo(ids.Where((_, i) => i % 5 == 0), "the title search ignores case");
        (await admin.Send(new ListKnowledgeDocuments(Search: $"{batch}%"))).Documents.Should().BeEmpty("a % in the search is a character, not a wildcard");

        var patient = (await admin.Send(new ListKnowledgeDocuments(Kind: KnowledgeDocumentKinds.Patient))).Documents.Single(d => d.Id == patientId);
        patient.OwnerId.Should().Be(owner);
        patient.Title.Should().BeNull();
        patient.FileName.Should().BeNull();
        patient.Status.Should().Be("ready");
    }

    [Fact]
    public async Task Only_an_administrator_lists_documents()
    {
        foreach (var role in new[] { Roles.Viewer, Roles.Auditor, Roles.Clinician })
        {
            var caller = await ConsoleCaller.SignIn(factory, role);
            await FluentActions.Awaiting(() => caller.Send(new ListKnowledgeDocuments())).Should().ThrowAsync<ForbiddenException>(role);
        }
    }

    [Fact]
    public async Task Unknown_filters_a_bad_cursor_and_a_title_search_of_patient_documents_are_refused_by_field()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);

        var invalid = await FluentActions.Awaiting(() => admin.Send(new ListKnowledgeDocuments(Status: "deleted", SourceType: "zip", After: "not-a-cursor", PageSize: 0)))
            .Should().ThrowAsync<ValidationException>();
        invalid.Which.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(["Status", "SourceType", "After", "PageSize"]);
        var patients = await FluentActions.Awaiting(() => admin.Send(new ListKnowledgeDocuments(Kind: KnowledgeDocumentKinds.Patient, Search: "discharge")))
            .Should().ThrowAsync<ValidationException>();
        patients.Which.Errors.Should().ContainSingle(e => e.PropertyName == "Search");
    }
}

/// <summary>The list at the size the console is built for: 50,000 shared documents.</summary>
public sealed class ListDocumentsAtScaleTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    [Fact]
    public async Task Pages_filters_and_title_search_over_50000_documents_answer_well_within_a_bound_10_times_the_target()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        await KnowledgeDatabase.Execute(factory, """
            INSERT INTO knowledge.documents (id, title, text, ingested_at, source_type, status)
            SELECT gen_random_uuid(), 'Scale document ' || i, '', now(), CASE WHEN i % 3 = 0 THEN 'pdf' ELSE 'text' END, CASE WHEN i % 100 = 0 THEN 'failed' ELSE 'ready' END
            FROM generate_series(1, 50000) AS i;
            ANALYZE knowledge.documents;
            """);
        await admin.Send(new ListKnowledgeDocuments()); // warm up the connection and the query plans

        var stopwatch = Stopwatch.StartNew();
        var first = await admin.Send(new ListKnowledgeDocuments());
        var second = await admin.Send(new ListKnowledgeDocuments(After: first.NextCursor));
        var failed = await admin.Send(new ListKnowledgeDocuments(Status: "failed", SourceType: "pdf"));
        var search = await admin.Send(new ListKnowledgeDocuments(Search: "scale document 4999"));
        stopwatch.Stop();

        first.Documents.Should().HaveCount(50);
        first.TotalIsAtLeast.Should().BeTrue("above 10,000 the count stops at its bound");
        first.Total.Should().Be(10_000);
        second.Documents.Select(d => d.Id).Should().NotIntersectWith(first.Documents.Select(d => d.Id));
        failed.Total.Should().Be(166, "every 100th is failed and every third of those a PDF: 300, 600, ... 49,800");
        failed.TotalIsAtLeast.Should().BeFalse();
        search.Documents.Select(d => d.Title).Should().BeEquivalentTo(["Scale document 4999", "Scale document 49990", "Scale document 49991", "Scale document 49992",
            "Scale document 49993", "Scale document 49994", "Scale document 49995", "Scale document 49996", "Scale document 49997", "Scale document 49998", "Scale document 49999"]);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "four list requests at 200 ms each, with a margin of 10");
    }
}
