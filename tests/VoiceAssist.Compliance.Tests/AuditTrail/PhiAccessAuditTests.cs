using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class PhiAccessAuditTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private async Task<List<AuditEntry>> EntriesFor(string resourceId, string action, int atLeast) =>
        await Eventually.Until(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
            return await db.AuditEntries.AsNoTracking().Where(e => e.ResourceId == resourceId && e.Action == action).ToListAsync();
        }, entries => entries.Count >= atLeast, because: $"{action} on {resourceId} is recorded");

    [Fact]
    public async Task Reading_a_conversation_and_taking_a_turn_are_recorded_with_user_resource_outcome_and_correlation_id()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var started = await (await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = started.GetProperty("id").GetGuid().ToString();

        using (var turn = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversationId}/turns") { Content = JsonContent.Create(new { text = "hello" }) })
        {
            turn.Headers.Add("X-Correlation-Id", "turn-correlation-1");
            (await clinician.SendAsync(turn)).EnsureSuccessStatusCode();
        }

        using (var read = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{conversationId}"))
        {
            read.Headers.Add("X-Correlation-Id", "read-correlation-1");
            (await clinician.SendAsync(read)).EnsureSuccessStatusCode();
        }

        var owner = (await EntriesFor(conversationId, "voice.conversation.started", 1)).Single().ActorId;
        var turnEntry = (await EntriesFor(conversationId, "phi.TakeTurn", 1)).Single();
        var readEntry = (await EntriesFor(conversationId, "phi.GetConversation", 1)).Single();

        readEntry.ResourceType.Should().Be("conversation");
        readEntry.ActorId.Should().Be(owner).And.NotBeNullOrEmpty();
        readEntry.ActorRole.Should().Be(Roles.Clinician);
        readEntry.Outcome.Should().Be("succeeded");
        readEntry.CorrelationId.Should().Be("read-correlation-1");
        readEntry.SessionId.Should().NotBeNullOrEmpty();
        turnEntry.CorrelationId.Should().Be("turn-correlation-1");
        turnEntry.Outcome.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_refused_read_is_recorded_as_not_found()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var someoneElses = Guid.NewGuid().ToString();

        (await clinician.GetAsync(new Uri($"/api/conversations/{someoneElses}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var entry = (await EntriesFor(someoneElses, "phi.GetConversation", 1)).Single();
        entry.Outcome.Should().Be("not_found");
        entry.ActorRole.Should().Be(Roles.Clinician);
    }

    [Fact]
    public async Task An_invalid_turn_is_recorded_as_invalid()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var started = await (await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = started.GetProperty("id").GetGuid().ToString();

        var response = await clinician.PostAsJsonAsync($"/api/conversations/{conversationId}/turns", new { text = "" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EntriesFor(conversationId, "phi.TakeTurn", 1)).Single().Outcome.Should().Be("invalid");
    }
}
