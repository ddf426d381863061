using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Compliance.Tests.AuditTrail;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Retention;

internal static class RetentionFixture
{
    /// <summary>A conversation with one turn, both <paramref name="daysAgo"/> days old.</summary>
    public static async Task<Guid> Conversation(VoiceAssistFactory factory, string owner, int daysAgo)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH conversation AS (
                INSERT INTO voice.conversations (id, owner_id, started_at) VALUES ($1, $2, now() - make_interval(days => $3)) RETURNING id, started_at)
            INSERT INTO voice.turns (id, conversation_id, sequence, text, reply, intent, details, created_at)
            SELECT gen_random_uuid(), id, 1, 'text', 'reply', 'other', '{}', started_at FROM conversation;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = daysAgo });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public static async Task<HashSet<Guid>> Remaining(VoiceAssistFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM voice.conversations", connection);
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public static async Task<JsonElement> Purge(HttpClient admin)
    {
        var response = await admin.PostAsync(new Uri("/api/compliance/retention/purge", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> Hold(HttpClient admin, string subjectType, string subjectId)
    {
        var response = await admin.PostAsJsonAsync("/api/compliance/legal-holds", new { subjectType, subjectId, reason = "Litigation hold, case 2026-CV-0142" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class ConversationRetentionTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task Conversations_past_90_days_are_purged_except_under_legal_hold_until_the_hold_is_released()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var expired = await RetentionFixture.Conversation(factory, "owner-a", daysAgo: 120);
        var recent = await RetentionFixture.Conversation(factory, "owner-a", daysAgo: 30);
        var heldByUser = await RetentionFixture.Conversation(factory, "owner-b", daysAgo: 200);
        var heldByResource = await RetentionFixture.Conversation(factory, "owner-a", daysAgo: 95);
        var userHold = await RetentionFixture.Hold(admin, "user", "owner-b");
        var resourceHold = await RetentionFixture.Hold(admin, "resource", heldByResource.ToString());

        var first = await RetentionFixture.Purge(admin);

        first.GetProperty("conversations").GetInt32().Should().Be(1);
        first.GetProperty("turns").GetInt32().Should().Be(1);
        first.GetProperty("activeHolds").GetInt32().Should().Be(2);
        var remaining = await RetentionFixture.Remaining(factory);
        remaining.Should().NotContain(expired).And.Contain([recent, heldByUser, heldByResource]);

        (await admin.DeleteAsync(new Uri($"/api/compliance/legal-holds/{userHold}", UriKind.Relative))).EnsureSuccessStatusCode();
        (await admin.DeleteAsync(new Uri($"/api/compliance/legal-holds/{resourceHold}", UriKind.Relative))).EnsureSuccessStatusCode();
        var second = await RetentionFixture.Purge(admin);

        second.GetProperty("conversations").GetInt32().Should().Be(2);
        (await RetentionFixture.Remaining(factory)).Should().Contain(recent).And.NotContain([heldByUser, heldByResource]);
    }

    [Fact]
    public async Task Every_purge_is_recorded_in_the_audit_trail()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        await RetentionFixture.Conversation(factory, "owner-c", daysAgo: 365);

        await RetentionFixture.Purge(admin);

        var recorded = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=compliance.retention.purged&resourceType=conversations");
        recorded.GetProperty("entries").EnumerateArray().Should().Contain(e =>
            e.GetProperty("reason").GetString()!.Contains("conversations", StringComparison.Ordinal) && e.GetProperty("actorRole").GetString() == Roles.Admin);
    }

    [Fact]
    public async Task Only_admins_purge_or_hold()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);

        (await clinician.PostAsync(new Uri("/api/compliance/retention/purge", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await clinician.PostAsJsonAsync("/api/compliance/legal-holds", new { subjectType = "user", subjectId = "x", reason = "y" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class AuditRetentionTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task Entries_past_six_years_are_purged_as_a_prefix_of_the_chain_which_still_verifies_and_a_hold_stops_the_cut()
    {
        _ = factory.Server;
        // Written first, so they open the chain: 5 entries 7 years old, the third naming a user under hold.
        await AuditChainFixture.Execute(factory, """
            INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id)
            SELECT now() - interval '7 years' + (i || ' minutes')::interval, 'test.old', 'user', 'u-' || i,
                   CASE WHEN i = 3 THEN 'held-user' ELSE 'someone' END, gen_random_uuid()
              FROM generate_series(1, 5) i;
            """);
        await AuditChainFixture.Record(factory, 4);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var hold = await RetentionFixture.Hold(admin, "user", "held-user");

        var held = await RetentionFixture.Purge(admin);

        held.GetProperty("auditEntries").GetInt64().Should().Be(2, "entries 1 and 2 precede the oldest held one");
        var afterHeld = await AuditChainFixture.Verify(auditor);
        afterHeld.GetProperty("intact").GetBoolean().Should().BeTrue();

        (await admin.DeleteAsync(new Uri($"/api/compliance/legal-holds/{hold}", UriKind.Relative))).EnsureSuccessStatusCode();
        var released = await RetentionFixture.Purge(admin);

        released.GetProperty("auditEntries").GetInt64().Should().Be(3);
        var verification = await AuditChainFixture.Verify(auditor);
        verification.GetProperty("intact").GetBoolean().Should().BeTrue("verification starts from the anchor the purge left");
        await AuditChainFixture.Record(factory, 2);
        (await AuditChainFixture.Verify(auditor)).GetProperty("intact").GetBoolean().Should().BeTrue("the chain goes on after a purge");

        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            DELETE FROM compliance.audit_entries WHERE chain_sequence = (SELECT min(chain_sequence) FROM compliance.audit_entries);
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        (await AuditChainFixture.Verify(auditor)).GetProperty("intact").GetBoolean().Should().BeFalse("a deletion outside the purge is still caught");
    }
}
