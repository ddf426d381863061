using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

/// <summary>A console change written to a module's outbox reaches the audit trail with its actor, reason and values
/// before and after, and those values are part of the hash chain.</summary>
public sealed class AdministrativeChangeAuditTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task An_administrative_change_is_recorded_with_its_reason_and_values_and_the_chain_verifies()
    {
        var actor = Guid.NewGuid();
        var target = Guid.NewGuid().ToString();
        var change = new AdministrativeChange(
            Guid.CreateVersion7(), DateTimeOffset.UtcNow, actor, "identity.user.disabled", "user", target,
            "Left the trust on 30 November", """{"disabled":false}""", """{"disabled":true}""", Roles.Admin,
            Guid.NewGuid().ToString(), "10.1.2.3", "corr-admin-change-1");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
            db.AddIntegrationEvent(change);
            await db.SaveChangesAsync();
        }

        var entry = await Eventually.Until(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
            return await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.SourceEventId == change.EventId);
        }, found => found is not null, because: "the change is recorded");

        entry!.Action.Should().Be("identity.user.disabled");
        entry.ResourceId.Should().Be(target);
        entry.ActorId.Should().Be(actor.ToString());
        entry.Reason.Should().Be("Left the trust on 30 November");
        entry.Before.Should().Be("""{"disabled":false}""");
        entry.After.Should().Be("""{"disabled":true}""");
        entry.CorrelationId.Should().Be("corr-admin-change-1");
        entry.Hash.Should().Equal(AuditChain.Hash(entry.PreviousHash!, entry), "the database and the verifier hash the values alike");

        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var verification = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit/verify");
        verification.GetProperty("intact").GetBoolean().Should().BeTrue();
    }
}
