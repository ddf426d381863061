using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

internal static class AuditChainFixture
{
    /// <summary>Records audit entries the way the outbox does: each delivery in its own scope, all at once.</summary>
    public static Task Record(VoiceAssistFactory factory, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var consumer = scope.ServiceProvider.GetRequiredService<AuditUserCreated>();
            await consumer.Consume(new UserCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "clinician"), CancellationToken.None);
        }));

    public static async Task<JsonElement> Verify(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/compliance/audit/verify");

    public static async Task<int> Execute(VoiceAssistFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}

public sealed class AuditChainTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Entries_recorded_by_parallel_consumers_form_one_intact_chain()
    {
        await AuditChainFixture.Record(factory, 40);

        var verification = await AuditChainFixture.Verify(client);

        verification.GetProperty("intact").GetBoolean().Should().BeTrue();
        verification.GetProperty("entriesVerified").GetInt64().Should().BeGreaterThanOrEqualTo(40);
        verification.GetProperty("firstBrokenLink").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("UPDATE compliance.audit_entries SET resource_id = 'changed'")]
    [InlineData("DELETE FROM compliance.audit_entries")]
    [InlineData("TRUNCATE compliance.audit_entries")]
    public async Task Changing_or_removing_entries_is_refused_by_the_database(string sql)
    {
        await AuditChainFixture.Record(factory, 2);

        var change = () => AuditChainFixture.Execute(factory, sql);

        (await change.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await AuditChainFixture.Verify(client)).GetProperty("intact").GetBoolean().Should().BeTrue();
    }
}

public sealed class AuditChainEditTamperingTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task An_edit_made_by_a_superuser_with_the_trigger_disabled_is_reported_as_the_first_broken_link()
    {
        await AuditChainFixture.Record(factory, 6);

        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            UPDATE compliance.audit_entries SET actor_id = 'someone-else' WHERE chain_sequence = 3;
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        var verification = await AuditChainFixture.Verify(factory.CreateClient());

        verification.GetProperty("intact").GetBoolean().Should().BeFalse();
        verification.GetProperty("entriesVerified").GetInt64().Should().Be(2);
        var link = verification.GetProperty("firstBrokenLink");
        link.GetProperty("chainSequence").GetInt64().Should().Be(3);
        link.GetProperty("reason").GetString().Should().Contain("content");
    }
}

public sealed class AuditChainDeletionTamperingTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task A_deletion_made_by_a_superuser_with_the_trigger_disabled_is_reported_where_the_gap_is()
    {
        await AuditChainFixture.Record(factory, 6);

        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            DELETE FROM compliance.audit_entries WHERE chain_sequence = 4;
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        var verification = await AuditChainFixture.Verify(factory.CreateClient());

        verification.GetProperty("intact").GetBoolean().Should().BeFalse();
        var link = verification.GetProperty("firstBrokenLink");
        link.GetProperty("chainSequence").GetInt64().Should().Be(5);
        link.GetProperty("reason").GetString().Should().Contain("missing");
    }
}
