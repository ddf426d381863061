using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Documents;

public sealed class UploadDocumentTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_pdf_with_a_text_layer_is_extracted_page_by_page_and_cited_by_page_and_section()
    {
        var pdf = TestPdf.Create(
            ["1. INTRODUCTION", "", "Zolbrantine is a fictional drug used here to test extraction."],
            ["2. DOSING IN RENAL IMPAIRMENT", "", "Reduce the zolbrantine dose by half when creatinine clearance falls below 30 mL/min."]);

        var accepted = await client.Upload("zolbrantine-guideline.pdf", pdf, new Dictionary<string, string> { ["publisher"] = "Test Society", ["tags"] = "renal, dosing" });
        var id = accepted.GetProperty("documentId").GetGuid();
        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("status").GetString().Should().Be("ready");
        document.GetProperty("pageCount").GetInt32().Should().Be(2);
        document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo("renal", "dosing");
        var hit = (await client.Search("zolbrantine creatinine clearance dose")).Passages().First();
        hit.GetProperty("documentId").GetGuid().Should().Be(id);
        hit.GetProperty("text").GetString().Should().Contain("creatinine clearance falls below 30");
        hit.GetProperty("page").GetInt32().Should().Be(2);
        hit.GetProperty("section").GetString().Should().Be("2. DOSING IN RENAL IMPAIRMENT");
    }

    [Fact]
    public async Task Html_is_reduced_to_its_main_content()
    {
        const string html = """
            <html><head><title>Quintavir guidance</title><script>var quintavirTracking = 1;</script></head>
            <body><nav>Home | Quintavir menu navigationonly</nav>
            <main><h1>Quintavir</h1><h2>Monitoring</h2><p>Check quintavir trough levels weekly during the first month.</p></main>
            <footer>Copyright footerwordonly</footer></body></html>
            """;

        var id = (await client.Upload("quintavir.html", Encoding.UTF8.GetBytes(html))).GetProperty("documentId").GetGuid();
        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("title").GetString().Should().Be("Quintavir guidance");
        var hit = (await client.Search("quintavir trough levels")).Passages().Single();
        hit.GetProperty("section").GetString().Should().Be("Monitoring");
        (await client.Search("navigationonly")).Passages().Should().BeEmpty();
        (await client.Search("footerwordonly")).Passages().Should().BeEmpty();
    }

    [Fact]
    public async Task Markdown_headings_become_sections_and_plain_text_is_indexed()
    {
        var markdown = "# Velmorex handbook\n\n## Contraindications\n\nDo not give **velmorex** with grapefruit juice.\n";
        var mdId = (await client.Upload("velmorex.md", Encoding.UTF8.GetBytes(markdown))).GetProperty("documentId").GetGuid();
        var txtId = (await client.Upload("notes.txt", Encoding.UTF8.GetBytes("Plain notes: tarnivoline is taken with food."))).GetProperty("documentId").GetGuid();
        await client.WaitUntilSearchable(mdId);
        await client.WaitUntilSearchable(txtId);

        var velmorex = (await client.Search("velmorex grapefruit")).Passages().Single();
        velmorex.GetProperty("section").GetString().Should().Be("Contraindications");
        velmorex.GetProperty("text").GetString().Should().Be("Do not give velmorex with grapefruit juice.");
        (await client.Search("tarnivoline food")).Passages().Single().GetProperty("documentId").GetGuid().Should().Be(txtId);
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_is_stored_once()
    {
        var content = Encoding.UTF8.GetBytes("Duplicate check: brexolamide is stored once.");

        var first = await client.Upload("brexolamide.txt", content);
        var second = await client.Upload("brexolamide-copy.txt", content);

        second.GetProperty("documentId").GetGuid().Should().Be(first.GetProperty("documentId").GetGuid());
        second.GetProperty("outcome").GetString().Should().Be("unchanged");
    }

    [Theory]
    [InlineData("empty.txt", "", HttpStatusCode.BadRequest, "empty")]
    [InlineData("../../etc/passwd.txt", "harmless text", HttpStatusCode.BadRequest, "plain name")]
    [InlineData("report.docx", "PK\u0003\u0004 not really a word file", HttpStatusCode.UnsupportedMediaType, "Only PDF")]
    [InlineData("broken.pdf", "%PDF-1.4\nthis is not a real pdf body", HttpStatusCode.BadRequest, "damaged")]
    [InlineData("fake.pdf", "just some text pretending", HttpStatusCode.BadRequest, "not a PDF")]
    public async Task Bad_input_is_refused_with_a_clear_4xx_and_nothing_is_stored(string fileName, string content, HttpStatusCode expected, string because)
    {
        var before = await Count();

        var response = await client.UploadRaw(fileName, Encoding.Latin1.GetBytes(content));

        response.StatusCode.Should().Be(expected);
        (await response.Content.ReadAsStringAsync()).Should().Contain(because);
        (await Count()).Should().Be(before);
    }

    [Fact]
    public async Task An_encrypted_pdf_is_refused()
    {
        var response = await client.UploadRaw("locked.pdf", TestPdf.Create([["secret text"]], encrypt: true));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("encrypted");
    }

    [Fact]
    public async Task A_pdf_with_too_many_pages_is_refused()
    {
        var response = await client.UploadRaw("long.pdf", TestPdf.Create(Enumerable.Range(1, 6).Select(i => new[] { $"Page {i} text" }).ToArray()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("6 pages; at most 5");
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_413()
    {
        var response = await client.UploadRaw("huge.txt", Encoding.UTF8.GetBytes(new string('a', 250_000)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_pdf_without_a_text_layer_fails_with_a_reason_a_person_understands()
    {
        var id = (await client.Upload("scanned.pdf", TestPdf.Create([[]]))).GetProperty("documentId").GetGuid();

        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("status").GetString().Should().Be("failed");
        document.GetProperty("failureReason").GetString().Should().Contain("no text layer");
    }

    private async Task<int> Count() =>
        (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative))).GetProperty("documents").GetInt32();
}
