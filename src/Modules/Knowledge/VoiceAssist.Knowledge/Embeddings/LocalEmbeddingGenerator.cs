using System.Net.Http.Json;
using Microsoft.Extensions.AI;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>The offline default embedder: Universal Sentence Encoder lite (512 dimensions) in the local node server.</summary>
internal sealed class LocalEmbeddingGenerator(LocalEmbeddingServer server, IHttpClientFactory httpClients) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Set to "query" in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> for a search's
    /// query, which the server then embeds ahead of background indexing.</summary>
    public const string PriorityKey = "priority";

    private static readonly EmbeddingGeneratorMetadata Metadata = new("universal-sentence-encoder-lite", null, "use-lite", 512);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            var address = await server.Ensure(cancellationToken);
            try
            {
                using var client = httpClients.CreateClient();
                client.Timeout = TimeSpan.FromSeconds(120);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "embed")) { Content = JsonContent.Create(new { texts }) };
                if (options?.AdditionalProperties?.TryGetValue(PriorityKey, out var priority) == true)
                {
                    request.Headers.Add("x-priority", priority?.ToString());
                }

                using var response = await client.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<EmbedResponse>(cancellationToken)
                    ?? throw new InvalidOperationException("The local embedding server sent an empty response.");
                return new GeneratedEmbeddings<Embedding<float>>(body.Embeddings.Select(e => new Embedding<float>(e) { ModelId = "use-lite" }));
            }
            catch (Exception ex) when (attempt < 2 && !cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
            {
                server.Restart();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The server process belongs to LocalEmbeddingServer, a singleton disposed with the host.
    }

    private sealed record EmbedResponse(float[][] Embeddings);
}
