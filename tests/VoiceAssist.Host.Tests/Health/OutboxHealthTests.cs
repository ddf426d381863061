using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Health;

/// <summary>The outbox's own health endpoint, with the dispatcher stopped so that messages stay pending.</summary>
public sealed class OutboxHealthTests(OutboxHealthTests.StoppedDispatcherFactory factory) : IClassFixture<OutboxHealthTests.StoppedDispatcherFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Undelivered_work_piling_up_answers_503_dead_letters_answer_degraded_and_readiness_is_unaffected()
    {
        (await Outbox()).Should().Be((HttpStatusCode.OK, "Healthy"));

        (await client.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Created);
        var piling = await Eventually.Until(Outbox, s => s.Code == HttpStatusCode.ServiceUnavailable, because: "the pending message outgrows Outbox:BacklogAgeWarning");
        piling.Status.Should().Be("Unhealthy");
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "every replica shares the outbox: unrouting them all would not deliver it");

        await using (var connection = new NpgsqlConnection(factory.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var park = new NpgsqlCommand(
                "UPDATE voice.outbox_messages SET dead_lettered_at = now(), attempts = 8, last_error = 'consumer failed' WHERE processed_at IS NULL", connection);
            (await park.ExecuteNonQueryAsync()).Should().BeGreaterThan(0);
        }

        var parked = await Outbox();
        parked.Should().Be((HttpStatusCode.OK, "Degraded"), "a dead letter waits for an operator; nothing piles up behind it");
    }

    private async Task<(HttpStatusCode Code, string? Status)> Outbox()
    {
        var response = await client.GetAsync("/health/outbox");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("checks").EnumerateArray().Single().GetProperty("name").GetString().Should().Be("outbox");
        return (response.StatusCode, body.GetProperty("status").GetString());
    }

    public sealed class StoppedDispatcherFactory : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Outbox:DispatcherEnabled"] = "false",
            ["Outbox:BacklogAgeWarning"] = "00:00:02",
        };
    }
}
