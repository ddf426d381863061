using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>The host with keyword search only and fast ingestion, so an uploaded patient document is searchable
/// within a second or two.</summary>
public sealed class PatientDocumentConversationFactory : VoiceAssistFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
        ["Knowledge:Ingestion:PollInterval"] = "00:00:00.100",
        ["Knowledge:Search:RefreshInterval"] = "00:00:00.200",
    };
}

/// <summary>A clinician's own patient documents (uploads flagged as containing PHI) answer their conversation's
/// questions, cited, and the read is audited; another clinician's conversation never sees them.</summary>
public sealed class PatientDocumentDialogueTests(PatientDocumentConversationFactory factory) : IClassFixture<PatientDocumentConversationFactory>
{
    // A fictitious patient.
    internal const string Letter = """
        # Discharge letter for Philippa Wrenfield

        Philippa Wrenfield, MRN 77340125, was admitted with vomiting and weakness. Her potassium was 2.9 mmol/L on
        admission and had risen to 4.1 mmol/L at discharge after oral potassium replacement. Her general practitioner
        will recheck her potassium in one week.
        """;

    internal const string Question = "What did the discharge letter say about Philippa Wrenfield's potassium?";

    [Fact]
    public async Task The_owners_conversation_answers_from_her_patient_document_cites_it_and_the_read_is_audited()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var id = await UploadLetter(owner.Client);
        var chat = await Chat.Start(owner.Client);

        // The keyword index picks a new document up within its refresh interval.
        var turn = await Eventually.Until(() => chat.Say(Question), t => t.Citations > 0, TimeSpan.FromSeconds(30), "the letter searchable");

        turn.Intent.Should().Be("knowledge");
        turn.Reply.Should().Contain("4.1 mmol/L");
        var citation = turn.Json.GetProperty("citations").EnumerateArray().Should().ContainSingle().Subject;
        citation.GetProperty("title").GetString().Should().Be("Wrenfield discharge letter");
        citation.GetProperty("passage").GetString().Should().Contain("MRN 77340125");
        var audited = await Eventually.Until(
            () => Audit(auditor, "phi.ReadPatientDocumentPassages", id), e => e.Count > 0, TimeSpan.FromSeconds(30), "the conversation's read of the passages recorded");
        audited.Should().OnlyContain(e => e.GetProperty("actorId").GetString() == owner.Id.ToString());
        audited.Should().OnlyContain(e => e.GetProperty("outcome").GetString() == "succeeded");
    }

    [Fact]
    public async Task Another_clinicians_conversation_never_sees_the_patient_document()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var id = await UploadLetter(owner.Client);
        var ownerChat = await Chat.Start(owner.Client);
        (await Eventually.Until(() => ownerChat.Say(Question), t => t.Citations > 0, TimeSpan.FromSeconds(30), "the letter searchable"))
            .Reply.Should().Contain("4.1 mmol/L", "the letter is searchable for its owner by then");

        var turn = await (await Chat.Start(colleague.Client)).Say(Question);

        // The question itself names the patient; nothing the answer holds may come from the letter.
        turn.Json.GetProperty("citations").GetRawText().Should().Be("[]");
        turn.Reply.Should().NotContainAny("Wrenfield", "77340125", "4.1 mmol/L", id.ToString());
        turn.Reply.Should().Be("I found nothing in the knowledge base that answers that.");
        var reads = await Audit(auditor, "phi.ReadPatientDocumentPassages", id);
        reads.Should().NotContain(e => e.GetProperty("actorId").GetString() == colleague.Id.ToString());
    }

    internal static async Task<Guid> UploadLetter(HttpClient client)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Letter)), "file", "wrenfield-discharge.md" },
            { new StringContent("true"), "containsPhi" },
            { new StringContent("Wrenfield discharge letter"), "title" },
        };
        using var response = await client.PostAsync(new Uri("/api/knowledge/documents", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
        await Eventually.Until(
            () => client.GetFromJsonAsync<JsonElement>(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative)),
            d => d.GetProperty("status").GetString() is "ready" or "failed",
            TimeSpan.FromSeconds(60),
            "the letter processed");
        return id;
    }

    internal static async Task<List<JsonElement>> Audit(HttpClient auditor, string action, Guid id)
    {
        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action={action}&resourceId={id}");
        return [.. page.GetProperty("entries").EnumerateArray()];
    }
}
