using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;
using VoiceAssist.Voice.Conversations.DeleteOffboardedUsersConversations;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>Offboarding a user through Identity's console contract removes their conversations, turns and recordings
/// through the outbox (a colleague's stay), records the deletion with counts, and a second delivery of the same event
/// changes nothing; a legal hold on the user keeps everything.</summary>
public sealed class OffboardedUsersConversationsTests(VoiceAssistFactory host) : IClassFixture<VoiceAssistFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Offboarding_deletes_the_users_conversations_turns_and_recordings_once()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        var leaver = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        var colleague = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await Seed(leaver.Id, conversations: 2, turnsEach: 2, recordingsEach: 1);
        await Seed(colleague.Id, conversations: 1, turnsEach: 1, recordingsEach: 1);

        await host.SendAsAdministrator(new OffboardUser(leaver.Id, "Contract ended 5 December"), admin.Id);

        await Eventually.Until(() => Held(leaver.Id), held => held.Conversations == 0, within: TimeSpan.FromSeconds(30), because: "the outbox delivers UserOffboarded to Voice");
        (await Held(leaver.Id)).Should().Be((0, 0, 0));
        (await Held(colleague.Id)).Should().Be((1, 1, 1), "only the offboarded user's conversations go");
        var audit = await Eventually.Until(() => Audit(leaver.Id), rows => rows.Count > 0, because: "the deletion is audited");
        audit.Should().ContainSingle().Which.Should().Be((admin.Id.ToString(), """{"conversations":2,"turns":4,"recordings":2}"""));

        // A second delivery of the same event (at-least-once) finds its inbox row: a conversation recorded under the id
        // since (a session that was finishing) is not touched, and no second change is written.
        var delivered = await OffboardedEvent(leaver.Id);
        await Seed(leaver.Id, conversations: 1, turnsEach: 1, recordingsEach: 0);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var consumer = new DeleteOffboardedUsersConversations(scope.ServiceProvider.GetRequiredService<VoiceDbContext>(), scope.ServiceProvider.GetRequiredService<ISender>());
            await consumer.Consume(delivered, CancellationToken.None);
        }

        (await Held(leaver.Id)).Should().Be((1, 1, 0));
        (await Count($"SELECT count(*) FROM voice.outbox_messages WHERE payload->>'action' = '{DeleteOffboardedUsersConversations.Action}' AND payload->>'resourceId' = '{leaver.Id}'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_legal_hold_on_the_user_keeps_their_conversations()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        var leaver = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await Seed(leaver.Id, conversations: 1, turnsEach: 2, recordingsEach: 1);
        await Execute($"INSERT INTO compliance.legal_holds (id, subject_type, subject_id, reason, placed_at) VALUES ('{Guid.NewGuid()}', 'user', '{leaver.Id}', 'Litigation 2026-114', now())");

        await host.SendAsAdministrator(new OffboardUser(leaver.Id, "Contract ended"), admin.Id);

        var audit = await Eventually.Until(() => AuditReasons(leaver.Id), rows => rows.Count > 0, within: TimeSpan.FromSeconds(30), because: "Voice records that it kept them");
        audit.Should().ContainSingle().Which.Should().Contain("legal hold");
        (await Held(leaver.Id)).Should().Be((1, 2, 1));
    }

    private async Task Seed(Guid owner, int conversations, int turnsEach, int recordingsEach)
    {
        for (var c = 0; c < conversations; c++)
        {
            var conversation = Guid.NewGuid();
            await Execute($"INSERT INTO voice.conversations (id, owner_id, started_at) VALUES ('{conversation}', '{owner}', now())");
            for (var t = 0; t < turnsEach; t++)
            {
                var turn = Guid.NewGuid();
                await Execute($"INSERT INTO voice.turns (id, conversation_id, sequence, text, reply, intent, details, created_at) VALUES ('{turn}', '{conversation}', {t}, 'x', 'y', 'conversation', '{{}}', now())");
                if (t < recordingsEach)
                {
                    await Execute($"INSERT INTO voice.recordings (id, conversation_id, turn_id, recorded_at, sample_rate, duration_ms, wave) VALUES ('{Guid.NewGuid()}', '{conversation}', '{turn}', now(), 16000, 900, 'pe1:1:AAAA')");
                }
            }
        }
    }

    private async Task<(long Conversations, long Turns, long Recordings)> Held(Guid owner) => (
        await Count($"SELECT count(*) FROM voice.conversations WHERE owner_id = '{owner}'"),
        await Count($"SELECT count(*) FROM voice.turns t JOIN voice.conversations c ON c.id = t.conversation_id WHERE c.owner_id = '{owner}'"),
        await Count($"SELECT count(*) FROM voice.recordings r JOIN voice.conversations c ON c.id = r.conversation_id WHERE c.owner_id = '{owner}'"));

    private async Task<List<(string Actor, string Before)>> Audit(Guid user)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT actor_id, before_value FROM compliance.audit_entries WHERE action = '{DeleteOffboardedUsersConversations.Action}' AND resource_id = '{user}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<List<string>> AuditReasons(Guid user)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT reason FROM compliance.audit_entries WHERE action = '{DeleteOffboardedUsersConversations.Action}' AND resource_id = '{user}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The event as Identity wrote it to its outbox, to deliver it again.</summary>
    private async Task<UserOffboarded> OffboardedEvent(Guid user)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT payload::text FROM identity.outbox_messages WHERE payload->>'userId' = '{user}' AND type LIKE '%{nameof(UserOffboarded)}'", connection);
        var payload = (string)(await command.ExecuteScalarAsync())!;
        return JsonSerializer.Deserialize<UserOffboarded>(payload, Json)!;
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
