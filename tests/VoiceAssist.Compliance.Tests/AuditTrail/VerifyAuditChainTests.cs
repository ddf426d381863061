using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class VerifyAuditChainTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task A_verification_reports_how_many_entries_it_checked_and_how_long_it_took_and_is_recorded()
    {
        await AuditChainFixture.Record(factory, 12);
        var correlationId = "verify-" + Guid.NewGuid().ToString("N")[..8];

        var result = await factory.SendAs(Roles.Admin, new VerifyAuditChain(), correlationId);

        result.Intact.Should().BeTrue();
        result.FirstBrokenLink.Should().BeNull();
        result.EntriesVerified.Should().BeGreaterThanOrEqualTo(12);
        result.Duration.Should().BePositive();
        var recorded = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: "compliance.audit.verified", CorrelationId: correlationId)));
        var entry = recorded.Entries.Should().ContainSingle().Subject;
        entry.Outcome.Should().Be("succeeded");
        entry.ActorRole.Should().Be(Roles.Admin);
        entry.Reason.Should().Be($"intact: {result.EntriesVerified} entries verified");
    }

    [Fact]
    public async Task A_broken_chain_is_reported_and_recorded_as_failed_with_its_position()
    {
        await AuditChainFixture.Record(factory, 5);
        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            UPDATE compliance.audit_entries SET resource_id = 'edited' WHERE chain_sequence = 4;
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        var correlationId = "verify-broken-" + Guid.NewGuid().ToString("N")[..8];

        var result = await factory.SendAs(Roles.Auditor, new VerifyAuditChain(), correlationId);

        result.Intact.Should().BeFalse();
        result.EntriesVerified.Should().Be(3);
        result.FirstBrokenLink!.ChainSequence.Should().Be(4);
        result.FirstBrokenLink.Reason.Should().Be("content does not match its hash");
        var recorded = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: "compliance.audit.verified", CorrelationId: correlationId)));
        var entry = recorded.Entries.Should().ContainSingle().Subject;
        entry.Outcome.Should().Be("failed");
        entry.Reason.Should().StartWith("broken at chain position 4 (entry ").And.EndWith("content does not match its hash; 3 entries verified before it");
    }

    [Fact]
    public async Task Administrators_and_auditors_may_verify_over_http_and_a_clinician_may_not()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);

        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/compliance/audit/verify");

        verification.TryGetProperty("duration", out _).Should().BeTrue();
        (await clinician.GetAsync(new Uri("/api/compliance/audit/verify", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var verify = () => factory.SendAs(Roles.Clinician, new VerifyAuditChain());
        await verify.Should().ThrowAsync<ForbiddenException>();
    }
}
