using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Authorization.Tests.BreakGlass;

/// <summary>Emergency access (HIPAA §164.312(a)(2)(ii)): a clinician opens a colleague's conversation only by stating
/// why; the access is read-only, ends after the configured time, and the grant with its reason reaches the outbox
/// for the audit trail.</summary>
public sealed class BreakGlassTests(BreakGlassTests.Factory factory) : IClassFixture<BreakGlassTests.Factory>
{
    private const string Reason = "Patient in cardiac arrest in bay 4; need the admitting clinician's dosing notes.";

    [Fact]
    public async Task A_colleague_reads_a_conversation_only_after_breaking_the_glass_and_only_until_the_grant_expires()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var conversation = await StartWithOneTurn(owner, "CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");

        (await colleague.Client.GetAsync($"/api/conversations/{conversation}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var granted = await colleague.Client.PostAsJsonAsync($"/api/conversations/{conversation}/emergency-access", new { reason = Reason });
        granted.StatusCode.Should().Be(HttpStatusCode.Created, await granted.Content.ReadAsStringAsync());
        var grant = await granted.Content.ReadFromJsonAsync<JsonElement>();
        (grant.GetProperty("expiresAt").GetDateTimeOffset() - grant.GetProperty("grantedAt").GetDateTimeOffset()).Should().Be(Factory.Duration);

        var read = await colleague.Client.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}");
        read.GetProperty("turns")[0].GetProperty("text").GetString().Should().Contain("CHA2DS2-VASc");
        (await colleague.Client.PostAsJsonAsync($"/api/conversations/{conversation}/turns", new { text = "and a prior stroke?" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "emergency access is read-only");
        var others = await colleague.Client.GetFromJsonAsync<JsonElement>("/api/conversations");
        others.EnumerateArray().Should().BeEmpty("a grant opens one conversation; it does not list the owner's others");

        await Task.Delay(Factory.Duration + TimeSpan.FromMilliseconds(500));
        (await colleague.Client.GetAsync($"/api/conversations/{conversation}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the grant expired");
        (await owner.Client.GetAsync($"/api/conversations/{conversation}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_grant_and_its_reason_reach_the_outbox_for_the_audit_trail()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var conversation = await StartWithOneTurn(owner, "hello");

        (await colleague.Client.PostAsJsonAsync($"/api/conversations/{conversation}/emergency-access", new { reason = Reason }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload::text FROM identity.outbox_messages WHERE type LIKE '%EmergencyAccessGranted' AND payload->>'resourceId' = @conversation", connection);
        command.Parameters.AddWithValue("conversation", conversation.ToString());
        var payload = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement;
        payload.GetProperty("reason").GetString().Should().Be(Reason);
        payload.GetProperty("userId").GetGuid().Should().Be(colleague.Id);
        payload.GetProperty("ownerId").GetString().Should().Be(owner.Id.ToString());
        payload.GetProperty("resourceType").GetString().Should().Be(EmergencyAccessResources.Conversation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   urgent   ")]
    public async Task Breaking_the_glass_without_a_stated_reason_is_refused_and_grants_nothing(string reason)
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var conversation = await StartWithOneTurn(owner, "hello");

        var response = await colleague.Client.PostAsJsonAsync($"/api/conversations/{conversation}/emergency-access", new { reason });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Should().Contain(e => e.Name.Equals("reason", StringComparison.OrdinalIgnoreCase));
        (await colleague.Client.GetAsync($"/api/conversations/{conversation}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Breaking_the_glass_on_a_conversation_that_does_not_exist_is_not_found()
    {
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);

        (await colleague.Client.PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/emergency-access", new { reason = Reason }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> StartWithOneTurn(SignedInUser owner, string text)
    {
        var started = await owner.Client.PostAsync("/api/conversations", null);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await owner.Client.PostAsJsonAsync($"/api/conversations/{id}/turns", new { text })).StatusCode.Should().Be(HttpStatusCode.OK);
        return id;
    }

    public sealed class Factory : VoiceAssistFactory
    {
        public static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Identity:RequireAuthenticatedUser"] = "true",
            ["Identity:BreakGlass:Duration"] = "00:00:03",
            ["Knowledge:DemoData:Enabled"] = "false",
            ["Knowledge:Embeddings:Provider"] = "none",
        };
    }
}
