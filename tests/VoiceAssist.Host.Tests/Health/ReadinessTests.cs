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
    public async Task Readiness_follows_PostgreSQL_going_down_and_reports_Redis_down_as_degraded_while_the_host_still_serves()
    {
        (await Status()).Should().Be((HttpStatusCode.OK, "Healthy"));

        factory.Postgres.Stop();
        var whilePostgresDown = await Eventually.Until(Status, s => s.Code == HttpStatusCode.ServiceUnavailable);
        whilePostgresDown.Status.Should().Be("Unhealthy");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is alive");

        factory.Postgres.Start();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Healthy"), because: "PostgreSQL is back");

        factory.Redis.Stop();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Degraded"), because: "Redis is down, but the host still serves");
        var report = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis")
            .GetProperty("status").GetString().Should().Be("Degraded");
        var signIn = await client.PostAsJsonAsync("/api/identity/token", new { email = "someone@hospital.example", password = "not the password" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "rate limits fall back to this replica and sign-in still answers");

        factory.Redis.Start();
        await Eventually.Until(Status, s => s == (HttpStatusCode.OK, "Healthy"), within: TimeSpan.FromSeconds(60), because: "Redis is back");
    }

    [Fact]
    public async Task Readiness_names_each_dependency_it_checks()
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().BeEquivalentTo("postgresql", "redis", "outbox");
    }

    private async Task<(HttpStatusCode Code, string? Status)> Status()
    {
        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("status").GetString());
    }
}
