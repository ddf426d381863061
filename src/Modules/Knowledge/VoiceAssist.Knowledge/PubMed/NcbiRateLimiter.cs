using Microsoft.Extensions.Options;

namespace VoiceAssist.Knowledge.PubMed;

/// <summary>NCBI's E-utilities usage policy: no more than 3 requests per second per site without an API key, 10 with
/// one (https://www.ncbi.nlm.nih.gov/books/NBK25497/). Requests are spaced evenly, so no one-second window ever holds
/// more than the limit, retries included: this gate sits inside the resilience pipeline, in front of the network.</summary>
internal sealed class NcbiRateLimiter(IOptions<KnowledgeOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DateTimeOffset next = DateTimeOffset.MinValue;

    public async Task WaitTurn(CancellationToken cancellationToken)
    {
        var spacing = TimeSpan.FromSeconds(1.0 / options.Value.PubMed.EffectiveRequestsPerSecond);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (next > now)
            {
                await Task.Delay(next - now, time, cancellationToken);
                now = time.GetUtcNow();
            }

            next = now + spacing;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

/// <summary>Waits for the rate limiter before each attempt leaves the process.</summary>
internal sealed class NcbiRateLimitHandler(NcbiRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.WaitTurn(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
