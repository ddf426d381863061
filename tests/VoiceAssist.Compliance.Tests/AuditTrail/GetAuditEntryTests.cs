using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class GetAuditEntryTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task The_detail_of_an_administrative_change_shows_its_values_before_and_after_and_its_place_in_the_chain()
    {
        var actor = Guid.NewGuid();
        var change = new AdministrativeChange(
            Guid.CreateVersion7(), DateTimeOffset.UtcNow, actor, "identity.user.role_changed", "user", Guid.NewGuid().ToString(),
            "Moved to the audit office", """{"role":"clinician"}""", """{"role":"auditor"}""", Roles.Admin,
            Guid.NewGuid().ToString(), "10.9.8.7", "corr-detail-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
            db.AddIntegrationEvent(change);
            await db.SaveChangesAsync();
        }

        var stored = await Eventually.Until(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ComplianceDbContext>().AuditEntries.AsNoTracking()
                .SingleOrDefaultAsync(e => e.SourceEventId == change.EventId);
        }, found => found is not null, because: "the change is recorded");

        var detail = await factory.SendAs(Roles.Auditor, new GetAuditEntry(stored!.Id));

        detail.Before.Should().Be("""{"role":"clinician"}""");
        detail.After.Should().Be("""{"role":"auditor"}""");
        detail.Reason.Should().Be("Moved to the audit office");
        detail.ActorId.Should().Be(actor.ToString());
        detail.ActorRole.Should().Be(Roles.Admin);
        detail.ClientIp.Should().Be("10.9.8.7");
        detail.SessionId.Should().Be(change.SessionId);
        detail.CorrelationId.Should().Be(change.CorrelationId);
        detail.SourceEventId.Should().Be(change.EventId);
        detail.ChainSequence.Should().Be(stored.ChainSequence);
        detail.Hash.Should().Be(Convert.ToHexStringLower(stored.Hash!)).And.HaveLength(64);
        detail.PreviousHash.Should().Be(Convert.ToHexStringLower(stored.PreviousHash!));

        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var overHttp = await admin.GetFromJsonAsync<JsonElement>($"/api/compliance/audit/{stored.Id}");
        overHttp.GetProperty("after").GetString().Should().Be("""{"role":"auditor"}""");
    }

    [Fact]
    public async Task Opening_an_entry_is_recorded()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, 1, DateTimeOffset.UtcNow);
        var seeded = (await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: prefix + "*")))).Entries.Single();
        var correlationId = "open-entry-" + Guid.NewGuid().ToString("N")[..8];

        await factory.SendAs(Roles.Auditor, new GetAuditEntry(seeded.Id), correlationId);

        var viewed = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: "compliance.audit.entry_viewed", CorrelationId: correlationId)));
        viewed.Entries.Should().ContainSingle().Which.ResourceId.Should().Be(seeded.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unknown_entry_is_not_found_and_a_clinician_is_refused()
    {
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        (await auditor.GetAsync(new Uri("/api/compliance/audit/999999999", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        (await clinician.GetAsync(new Uri("/api/compliance/audit/1", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var open = () => factory.SendAs(Roles.Clinician, new GetAuditEntry(1));
        await open.Should().ThrowAsync<ForbiddenException>();
    }
}
