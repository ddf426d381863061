using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Polly;
using VoiceAssist.BuildingBlocks.Http;

namespace VoiceAssist.Integrations.Outbound;

/// <summary>The platform's resilience pipeline (<see cref="ResilienceHandler"/>: timeouts, retries with backoff,
/// circuit breaker), one per server: every user links their own server, and one user's server being down must not
/// open the circuit for everyone else's. Same settings as every outbound client (<c>HttpResilience</c>).</summary>
internal sealed class PerServerResilienceHandler(PerServerPipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
            // Buffer once so every retry sends the same body.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var pipeline = pipelines.For(request.RequestUri!.GetLeftPart(UriPartial.Authority));
        return await pipeline.ExecuteAsync(
            static async (state, ct) => await state.Handler.SendCore(state.Request, ct).ConfigureAwait(false),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

/// <summary>One resilience pipeline per server authority, built on first use and kept for the host's life.</summary>
internal sealed class PerServerPipelines(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpResilienceOptions options = configuration.GetSection("HttpResilience").Get<HttpResilienceOptions>() ?? new HttpResilienceOptions();

    public ResiliencePipeline<HttpResponseMessage> For(string authority) =>
        pipelines.GetOrAdd(authority, _ => ResilienceHandler.BuildPipeline(options));
}
