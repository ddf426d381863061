using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace VoiceAssist.BuildingBlocks.Http;

/// <summary>Settings of the resilience pipeline of an outbound HttpClient: <c>HttpResilience</c> for every client,
/// overridden per client under <c>HttpResilience:Clients:&lt;client name&gt;</c>.</summary>
public sealed class HttpResilienceOptions
{
    public const string Section = "HttpResilience";

    public int MaxRetryAttempts { get; set; } = 3;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public double CircuitFailureRatio { get; set; } = 0.5;
    public int CircuitMinimumThroughput { get; set; } = 10;
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Microsoft.Extensions.Http.Resilience's standard pipeline on an HttpClient: total timeout → retry (jittered
/// exponential backoff on network errors, timeouts, 408, 429 and 5xx) → circuit breaker → per-attempt timeout, with
/// the project's settings for that client. Request bodies must be buffered content (string, bytes, forms of them) so
/// a retry can send them again.</summary>
public static class HttpResilience
{
    /// <param name="client">The client to protect.</param>
    /// <param name="perServer">One pipeline (and so one circuit breaker) per server the client calls, so one dead
    /// server never opens the circuit for the others (a client that calls servers its users link).</param>
    public static IHttpClientBuilder AddVoiceAssistResilience(this IHttpClientBuilder client, bool perServer = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var name = client.Name;
        // Named options per client: the shared section first, then the client's own keys over it.
        client.Services.AddOptions<HttpResilienceOptions>(name)
            .BindConfiguration(HttpResilienceOptions.Section)
            .BindConfiguration($"{HttpResilienceOptions.Section}:Clients:{name}");
        var pipeline = client.AddStandardResilienceHandler().Configure((options, services) =>
            Apply(options, services.GetRequiredService<IOptionsMonitor<HttpResilienceOptions>>().Get(name)));
        if (perServer)
        {
            pipeline.SelectPipelineByAuthority();
        }

        return client;
    }

    private static void Apply(HttpStandardResilienceOptions options, HttpResilienceOptions settings)
    {
        options.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        options.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        options.Retry.Delay = settings.FirstRetryDelay;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.CircuitBreaker.FailureRatio = settings.CircuitFailureRatio;
        options.CircuitBreaker.MinimumThroughput = settings.CircuitMinimumThroughput;
        options.CircuitBreaker.BreakDuration = settings.CircuitBreakDuration;
        // The library requires the sampling window to be at least twice the attempt timeout.
        var sampling = settings.AttemptTimeout * 2;
        options.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
        options.AttemptTimeout.Timeout = settings.AttemptTimeout;
    }
}
