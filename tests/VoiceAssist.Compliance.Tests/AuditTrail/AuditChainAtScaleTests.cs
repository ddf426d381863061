using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class AuditChainAtScaleTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private const int Events = 10_000;

    [Fact]
    public async Task Ten_thousand_recorded_events_verify_and_one_altered_then_one_deleted_entry_are_each_found()
    {
        _ = factory.Server;
        // Through the real path: each event delivered to the consumer in its own scope and transaction, eight at a time.
        await Parallel.ForEachAsync(Enumerable.Range(0, Events), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditUserCreated>()
                .Consume(new UserCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "clinician"), ct);
        });
        var client = factory.CreateClient();

        var intact = await AuditChainFixture.Verify(client);
        intact.GetProperty("intact").GetBoolean().Should().BeTrue();
        intact.GetProperty("entriesVerified").GetInt64().Should().BeGreaterThanOrEqualTo(Events);

        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            UPDATE compliance.audit_entries SET occurred_at = occurred_at - interval '1 day' WHERE chain_sequence = 7000;
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        var altered = await AuditChainFixture.Verify(client);
        Link(altered).GetProperty("chainSequence").GetInt64().Should().Be(7000);
        Link(altered).GetProperty("reason").GetString().Should().Contain("content");
        altered.GetProperty("entriesVerified").GetInt64().Should().Be(6999);

        await AuditChainFixture.Execute(factory, """
            ALTER TABLE compliance.audit_entries DISABLE TRIGGER USER;
            DELETE FROM compliance.audit_entries WHERE chain_sequence = 3000;
            ALTER TABLE compliance.audit_entries ENABLE TRIGGER USER;
            """);
        var deleted = await AuditChainFixture.Verify(client);
        Link(deleted).GetProperty("chainSequence").GetInt64().Should().Be(3001);
        Link(deleted).GetProperty("reason").GetString().Should().Contain("missing");
        deleted.GetProperty("entriesVerified").GetInt64().Should().Be(2999);
    }

    private static JsonElement Link(JsonElement verification)
    {
        verification.GetProperty("intact").GetBoolean().Should().BeFalse();
        return verification.GetProperty("firstBrokenLink");
    }
}
