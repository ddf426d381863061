using System.Net;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

public sealed class RateLimitingTests(RateLimitingTests.TightBudgetFactory factory) : IClassFixture<RateLimitingTests.TightBudgetFactory>
{
    [Fact]
    public async Task A_client_over_its_request_budget_gets_429()
    {
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.GetAsync("/api/integrations/connectors")).StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Signed_in_users_behind_one_address_each_have_their_own_budget()
    {
        var first = await factory.CreateClientSignedInAs(Roles.Admin);
        var colleague = await factory.CreateClientSignedInAs(Roles.Admin);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await first.GetAsync("/api/integrations/connectors")).StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
        (await colleague.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.OK, "the colleague on the same address is not throttled");
    }

    public sealed class TightBudgetFactory : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinutePerClient"] = "5" };
    }
}

public sealed class ProbeRateLimitingTests(RateLimitingTests.TightBudgetFactory factory) : IClassFixture<RateLimitingTests.TightBudgetFactory>
{
    [Fact]
    public async Task Health_probes_answer_while_the_client_is_over_its_request_budget()
    {
        var client = factory.CreateClient();
        await Eventually.Until(async () => (await client.GetAsync("/api/integrations/connectors")).StatusCode, s => s == HttpStatusCode.TooManyRequests);

        foreach (var path in new[] { "/health/live", "/health/ready", "/health/outbox" })
        {
            for (var i = 0; i < 10; i++)
            {
                (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            }
        }

        (await client.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the budget still holds for the API");
    }
}
