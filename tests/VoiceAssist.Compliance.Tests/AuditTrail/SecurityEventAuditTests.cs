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

/// <summary>Identity's security events reach the audit trail through the outbox: a break-glass grant with its
/// reason, a failed sign-in, an administrator's role change; and the chain still verifies.</summary>
public sealed class SecurityEventAuditTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private async Task<List<AuditEntry>> Entries(string action, Func<AuditEntry, bool> match) =>
        await Eventually.Until(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
            return entries.Where(match).ToList();
        }, entries => entries.Count >= 1, because: $"{action} is recorded");

    [Fact]
    public async Task A_break_glass_grant_is_recorded_with_who_what_and_the_reason()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var started = await (await owner.Client.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = started.GetProperty("id").GetGuid().ToString();
        const string reason = "Patient unresponsive in ED, treating physician unavailable";

        (await colleague.Client.PostAsJsonAsync($"/api/conversations/{conversationId}/emergency-access", new { reason }))
            .StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);

        var entry = (await Entries("identity.emergency_access.granted", e => e.ResourceId == conversationId)).Single();
        entry.ResourceType.Should().Be("conversation");
        entry.ActorId.Should().Be(colleague.Id.ToString());
        entry.Reason.Should().Contain(reason).And.Contain(owner.Id.ToString());
        entry.Outcome.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_failed_sign_in_and_a_role_change_are_recorded_and_the_chain_verifies()
    {
        var anonymous = factory.CreateClient();
        var marker = DateTimeOffset.UtcNow.AddSeconds(-1);
        (await anonymous.PostAsJsonAsync("/api/identity/token", new { email = "nobody@hospital.example", password = "not the password at all" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var failed = await Entries("identity.user.sign_in_failed", e => e.OccurredAt >= marker);
        failed.Should().Contain(e => e.Outcome == "failed" && e.Reason!.Contains("unknown_account"));
        failed.Should().NotContain(e => e.Reason!.Contains("nobody@hospital.example"), "security events carry no e-mail addresses");

        var admin = await factory.CreateSignedInUser(Roles.Admin);
        var user = await factory.CreateSignedInUser(Roles.Clinician);
        (await admin.Client.PutAsJsonAsync($"/api/identity/users/{user.Id}/role", new { role = Roles.Viewer })).EnsureSuccessStatusCode();
        var changed = (await Entries("identity.user.role_changed", e => e.ResourceId == user.Id.ToString())).Single();
        changed.ActorId.Should().Be(admin.Id.ToString());
        changed.Reason.Should().Be("clinician -> viewer");

        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var verification = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit/verify");
        verification.GetProperty("intact").GetBoolean().Should().BeTrue();
    }
}
