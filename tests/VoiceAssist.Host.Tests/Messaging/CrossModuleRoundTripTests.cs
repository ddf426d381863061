using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Messaging;

/// <summary>Modules that only know each other's contracts, talking through the real host: an outbox event from one
/// module changes another's data, and a mediator request crosses a module line synchronously.</summary>
public sealed class CrossModuleRoundTripTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private HttpClient? auditor;

    /// <summary>Searching the audit trail needs the auditor role.</summary>
    private async Task<HttpClient> Auditor() => auditor ??= await factory.CreateClientSignedInAs(VoiceAssist.Identity.Contracts.Roles.Auditor);

    [Fact]
    public async Task A_document_ingested_by_Knowledge_is_seen_by_Admin_through_its_contracts_and_reaches_Compliance_through_the_outbox()
    {
        var created = await client.PostAsJsonAsync("/api/knowledge/documents", new
        {
            title = "KDIGO 2024 CKD guideline summary",
            publisher = "KDIGO",
            text = "In CKD with albuminuria, treat with an ACE inhibitor or ARB titrated to the maximum tolerated dose.",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var documentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/admin/knowledge-base");
        stats.GetProperty("documents").GetInt32().Should().Be(1, "Admin asks Knowledge for the live size through its contract");
        stats.GetProperty("recent")[0].GetProperty("documentId").GetString().Should().Be(documentId, "and for the newest documents, keeping no copy of its own");

        var audit = await Eventually.Until(
            async () => await (await Auditor()).GetFromJsonAsync<JsonElement>($"/api/compliance/audit?resourceId={documentId}"),
            page => page.GetProperty("total").GetInt32() == 1);
        audit.GetProperty("entries")[0].GetProperty("action").GetString().Should().Be("knowledge.document.ingested");
    }

    [Fact]
    public async Task Starting_a_conversation_is_audited_with_its_owner()
    {
        var started = await client.PostAsync("/api/conversations", null);
        started.StatusCode.Should().Be(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var audit = await Eventually.Until(
            async () => await (await Auditor()).GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action=voice.conversation.started&resourceId={conversationId}"),
            page => page.GetProperty("total").GetInt32() == 1);

        audit.GetProperty("entries")[0].GetProperty("actorId").GetString().Should().Be("development-user");
        (await client.GetAsync($"/api/conversations/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Configuring_a_connector_is_audited_and_listed()
    {
        var configured = await client.PutAsJsonAsync("/api/integrations/connectors/calendar", new { baseUrl = "https://dav.hospital.example/calendars/", enabled = true });
        configured.StatusCode.Should().Be(HttpStatusCode.OK);

        var connectors = await client.GetFromJsonAsync<JsonElement>("/api/integrations/connectors");
        connectors.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "calendar").GetProperty("configured").GetBoolean().Should().BeTrue();
        await Eventually.Until(
            async () => await (await Auditor()).GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=integrations.connector.configured"),
            page => page.GetProperty("total").GetInt32() == 1);
    }

    [Fact]
    public async Task An_invalid_connector_is_rejected_and_nothing_is_saved_or_published()
    {
        var rejected = await client.PutAsJsonAsync("/api/integrations/connectors/fax", new { baseUrl = "not a url", enabled = true });

        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("kind", out _).Should().BeTrue();
        errors.TryGetProperty("baseUrl", out _).Should().BeTrue();
        var connectors = await client.GetFromJsonAsync<JsonElement>("/api/integrations/connectors");
        connectors.EnumerateArray().Should().NotContain(c => c.GetProperty("kind").GetString() == "fax");
    }
}
