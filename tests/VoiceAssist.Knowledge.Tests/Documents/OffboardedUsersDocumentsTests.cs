using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents.DeleteOffboardedUsersDocuments;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>Offboarding a user through Identity's console contract removes their patient documents with their
/// passages through the outbox (a colleague's stay), records the deletion with counts, and a second delivery of the same
/// event changes nothing.</summary>
public sealed class OffboardedUsersDocumentsTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Offboarding_deletes_the_users_patient_documents_and_their_passages_once()
    {
        var admin = await factory.CreateSignedInUser(Roles.Admin);
        var leaver = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var first = await PatientDocumentTests.UploadLetter(leaver.Client);
        var second = await PatientDocumentTests.UploadLetter(leaver.Client);
        var kept = await PatientDocumentTests.UploadLetter(colleague.Client);
        foreach (var (client, id) in new[] { (leaver.Client, first), (leaver.Client, second), (colleague.Client, kept) })
        {
            await client.WaitUntilSearchable(id);
        }

        var passages = await Count($"SELECT count(*) FROM knowledge.patient_chunks WHERE document_id IN ('{first}', '{second}')");
        passages.Should().BeGreaterThan(0);

        await factory.SendAsAdministrator(new OffboardUser(leaver.Id, "Contract ended 5 December"), admin.Id);

        await Eventually.Until(() => Count($"SELECT count(*) FROM knowledge.documents WHERE owner_id = '{leaver.Id}'"), left => left == 0,
            within: TimeSpan.FromSeconds(30), because: "the outbox delivers UserOffboarded to Knowledge");
        (await Count($"SELECT count(*) FROM knowledge.patient_chunks WHERE document_id IN ('{first}', '{second}')")).Should().Be(0);
        (await Count($"SELECT count(*) FROM knowledge.patient_document_contents WHERE document_id IN ('{first}', '{second}')")).Should().Be(0);
        (await Count($"SELECT count(*) FROM knowledge.documents WHERE id = '{kept}'")).Should().Be(1, "a colleague's document stays");
        var audit = await Eventually.Until(() => Audit(leaver.Id), rows => rows.Count > 0, because: "the deletion is audited");
        audit.Should().ContainSingle().Which.Should().Be((admin.Id.ToString(), $$"""{"patientDocuments":2,"passages":{{passages}}}"""));

        // Delivered again (at least once): the inbox row makes it a no-op, even for a document found under the id since.
        var delivered = await OffboardedEvent(leaver.Id);
        var late = kept;
        await Count($"WITH moved AS (UPDATE knowledge.documents SET owner_id = '{leaver.Id}' WHERE id = '{late}' RETURNING 1) SELECT count(*) FROM moved");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var consumer = new DeleteOffboardedUsersDocuments(scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>(), scope.ServiceProvider.GetRequiredService<ISender>());
            await consumer.Consume(delivered, CancellationToken.None);
        }

        (await Count($"SELECT count(*) FROM knowledge.documents WHERE id = '{late}'")).Should().Be(1);
        (await Count($"SELECT count(*) FROM knowledge.outbox_messages WHERE payload->>'action' = '{DeleteOffboardedUsersDocuments.Action}' AND payload->>'resourceId' = '{leaver.Id}'"))
            .Should().Be(1);
    }

    private async Task<List<(string Actor, string Before)>> Audit(Guid user)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT actor_id, before_value FROM compliance.audit_entries WHERE action = '{DeleteOffboardedUsersDocuments.Action}' AND resource_id = '{user}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<UserOffboarded> OffboardedEvent(Guid user)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT payload::text FROM identity.outbox_messages WHERE payload->>'userId' = '{user}' AND type LIKE '%{nameof(UserOffboarded)}'", connection);
        var payload = (string)(await command.ExecuteScalarAsync())!;
        return JsonSerializer.Deserialize<UserOffboarded>(payload, Json)!;
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
