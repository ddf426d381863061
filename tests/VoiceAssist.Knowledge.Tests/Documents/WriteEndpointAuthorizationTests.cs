using System.Net;
using System.Net.Http.Json;
using System.Text;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>Every endpoint that writes to the shared knowledge base answers 403 to a signed-in viewer, auditor or
/// clinician (a clinician writes only their own patient documents) and changes nothing.</summary>
public sealed class WriteEndpointAuthorizationTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    public static TheoryData<string> Refused => [Roles.Viewer, Roles.Auditor, Roles.Clinician];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Shared_knowledge_base_writes_are_refused_to(string role)
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var existing = (await admin.Upload("kept.txt", Encoding.UTF8.GetBytes($"Kept reference text {Guid.NewGuid():N}."))).GetProperty("documentId").GetGuid();
        var caller = await factory.CreateClientSignedInAs(role);
        var before = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));

        (await caller.UploadRaw("guideline.txt", Encoding.UTF8.GetBytes("Some guideline text."))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "multipart upload");
        (await caller.PostAsJsonAsync(new Uri("/api/knowledge/documents", UriKind.Relative), new { title = "t", text = "Some text." })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "JSON upload");
        using (var lines = new StringContent("""{"id":"a","title":"t","text":"Some text."}""", Encoding.UTF8, "application/x-ndjson"))
        {
            (await caller.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), lines)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "import");
        }

        (await caller.PostAsJsonAsync(new Uri("/api/knowledge/pubmed/ingest", UriKind.Relative), new { pmids = new[] { "32678530" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "PubMed ingest");
        (await caller.DeleteAsync(new Uri($"/api/knowledge/documents/{existing}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "delete");

        var after = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
        after.GetProperty("documents").GetInt32().Should().Be(before.GetProperty("documents").GetInt32());
        (await admin.GetAsync(new Uri($"/api/knowledge/documents/{existing}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
