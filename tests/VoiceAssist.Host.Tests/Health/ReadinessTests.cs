using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Health;

/// <summary>A host with PostgreSQL and Redis of its own, so the test can stop and restart them.</summary>
public sealed class DedicatedServersFactory : VoiceAssistFactory
{
    public DedicatedServersFactory()
        : this(new LocalPostgres(), new LocalRedis())
    {
    }

    private DedicatedServersFactory(LocalPostgres postgres, LocalRedis redis)
        : base(postgres.CreateDatabase(), redis.ConnectionString())
    {
        Postgres = postgres;
        Redis = redis;
    }

    public LocalPostgres Postgres { get; }

    public LocalRedis Redis { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Postgres.Dispose();
        Redis.Dispose();
    }
}

public sealed class ReadinessTests(DedicatedServersFactory factory) : IClassFixture<DedicatedServersFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Readiness_fails_without_PostgreSQL_stays_ready_without_Redis_and_recovers_without_a_host_restart()
    {
        (await Status()).Should().Be((HttpStatusCode.OK, "Healthy"));

        factory.Postgres.Stop();
        var whilePostgresDown = await Eventually.Until(Status, s => s.Code == HttpStatusCode.ServiceUnavailable);
        whilePostgresDown.Status.Should().Be("Unhealthy", "nothing can be served without the database");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is alive");

        factory.Postgres.Start();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Healthy"), because: "PostgreSQL is back");

        factory.Redis.Stop();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Degraded"), because: "Redis is down but the host serves without it");
        var conversation = await client.PostAsync(new Uri("/api/conversations", UriKind.Relative), null);
        conversation.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await conversation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var turn = await client.PostAsJsonAsync($"/api/conversations/{id}/turns", new { text = "What is the CHA2DS2-VASc score for a 70 year old with hypertension?" });
        turn.StatusCode.Should().Be(HttpStatusCode.OK, "a rate-limited turn is counted by this replica while Redis is away");
        var report = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis")
            .GetProperty("status").GetString().Should().Be("Degraded");
        var signIn = await client.PostAsJsonAsync("/api/identity/token", new { email = "someone@hospital.example", password = "not the password" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "rate limits fall back to this replica and sign-in still answers");

        factory.Redis.Start();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Healthy"), within: TimeSpan.FromSeconds(60), because: "Redis is back");
    }

    [Fact]
    public async Task Readiness_checks_only_what_this_replica_needs_to_serve()
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().BeEquivalentTo("postgresql", "redis");
    }

    private async Task<(HttpStatusCode Code, string? Status)> Status()
    {
        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("status").GetString());
    }
}
