using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using VoiceAssist.BuildingBlocks.Http;
using VoiceAssist.Testing;

namespace VoiceAssist.BuildingBlocks.Tests.Http;

/// <summary>The outbound resilience pipeline (the standard handler with the project's settings) against a real HTTP
/// server on loopback.</summary>
public sealed class HttpResilienceTests : IAsyncLifetime
{
    private readonly Queue<int> statuses = new();
    private int requests;
    private readonly List<ServiceProvider> providers = [];
    private WebApplication? server;
    private Uri baseAddress = null!;

    public async Task InitializeAsync()
    {
        var port = LocalProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        server = builder.Build();
        server.MapMethods("/flaky", ["GET", "POST"], async (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            int status;
            lock (statuses)
            {
                status = statuses.Count > 0 ? statuses.Dequeue() : 200;
            }

            return Results.Text(body.Length > 0 ? body : "ok", statusCode: status);
        });
        server.MapGet("/slow", async (CancellationToken ct) =>
        {
            Interlocked.Increment(ref requests);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return "late";
        });
        await server.StartAsync();
        baseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_until_success()
    {
        Enqueue(503, 502);
        using var client = Client(new HttpResilienceOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        var response = await client.GetAsync("/flaky");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        requests.Should().Be(3);
    }

    [Fact]
    public async Task A_request_body_is_sent_again_on_retry()
    {
        Enqueue(500);
        using var client = Client(new HttpResilienceOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        var response = await client.PostAsync("/flaky", new StringContent("{\"q\":\"CKD\"}"));

        (await response.Content.ReadAsStringAsync()).Should().Be("{\"q\":\"CKD\"}");
        requests.Should().Be(2);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        Enqueue(400);
        using var client = Client(new HttpResilienceOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        var response = await client.GetAsync("/flaky");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        requests.Should().Be(1);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_maximum()
    {
        Enqueue(503, 503, 503, 503, 503);
        using var client = Client(new HttpResilienceOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryAttempts = 2 });

        var response = await client.GetAsync("/flaky");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        requests.Should().Be(3);
    }

    [Fact]
    public async Task A_failing_server_opens_the_circuit_so_later_calls_fail_fast()
    {
        Enqueue(Enumerable.Repeat(503, 50).ToArray());
        using var client = Client(new HttpResilienceOptions
        {
            FirstRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryAttempts = 1,
            CircuitMinimumThroughput = 4,
            CircuitFailureRatio = 0.5,
            CircuitBreakDuration = TimeSpan.FromSeconds(30),
        });

        for (var i = 0; i < 3; i++)
        {
            try
            {
                await client.GetAsync("/flaky");
            }
            catch (BrokenCircuitException)
            {
                break;
            }
        }

        var seenByServer = requests;
        var calling = () => client.GetAsync("/flaky");
        await calling.Should().ThrowAsync<BrokenCircuitException>();
        requests.Should().Be(seenByServer, "an open circuit does not reach the server");
    }

    [Fact]
    public async Task A_hanging_server_is_cut_off_by_the_attempt_timeout()
    {
        using var client = Client(new HttpResilienceOptions
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            TotalTimeout = TimeSpan.FromSeconds(1),
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var calling = () => client.GetAsync("/slow");

        await calling.Should().ThrowAsync<Polly.Timeout.TimeoutRejectedException>();
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(9), "the 10 s response was never waited for");
    }

    private void Enqueue(params int[] codes)
    {
        lock (statuses)
        {
            foreach (var code in codes)
            {
                statuses.Enqueue(code);
            }
        }
    }

    [Fact]
    public async Task A_client_takes_its_own_settings_over_the_shared_ones()
    {
        Enqueue(503, 503, 503, 503, 503, 503);
        var settings = new Dictionary<string, string?>
        {
            ["HttpResilience:FirstRetryDelay"] = "00:00:00.005",
            ["HttpResilience:MaxRetryAttempts"] = "4",
            ["HttpResilience:Clients:single-retry:MaxRetryAttempts"] = "1",
        };
        using var client = Client(settings, "single-retry");

        var response = await client.GetAsync("/flaky");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        requests.Should().Be(2, "the client's own MaxRetryAttempts (1) wins over the shared one (4)");
    }

    private HttpClient Client(HttpResilienceOptions options)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return Client(new Dictionary<string, string?>
        {
            ["HttpResilience:MaxRetryAttempts"] = options.MaxRetryAttempts.ToString(invariant),
            ["HttpResilience:FirstRetryDelay"] = options.FirstRetryDelay.ToString("c", invariant),
            ["HttpResilience:AttemptTimeout"] = options.AttemptTimeout.ToString("c", invariant),
            ["HttpResilience:TotalTimeout"] = options.TotalTimeout.ToString("c", invariant),
            ["HttpResilience:CircuitFailureRatio"] = options.CircuitFailureRatio.ToString(invariant),
            ["HttpResilience:CircuitMinimumThroughput"] = options.CircuitMinimumThroughput.ToString(invariant),
            ["HttpResilience:CircuitBreakDuration"] = options.CircuitBreakDuration.ToString("c", invariant),
        }, "outbound");
    }

    private HttpClient Client(Dictionary<string, string?> settings, string name)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpClient(name, client => client.BaseAddress = baseAddress).AddVoiceAssistResilience();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
    }
}
