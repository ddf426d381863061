using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>The configured embedder behind the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> seam, chosen from
/// <c>Knowledge:Embeddings:Provider</c> when first needed: <c>local</c>, <c>openai</c>, or <c>none</c> (null: keyword search only).</summary>
internal sealed class EmbeddingProvider(IServiceProvider services, IOptions<KnowledgeOptions> options)
{
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>?> generator = new(() => Create(services, options.Value.Embeddings));

    public IEmbeddingGenerator<string, Embedding<float>>? Generator => generator.Value;

    private static IEmbeddingGenerator<string, Embedding<float>>? Create(IServiceProvider services, EmbeddingOptions settings) =>
        settings.Provider.ToLowerInvariant() switch
        {
            "local" => new LocalEmbeddingGenerator(services.GetRequiredService<LocalEmbeddingServer>(), services.GetRequiredService<IHttpClientFactory>()),
            "openai" => new OpenAiCompatibleEmbeddingGenerator(
                services.GetRequiredService<IHttpClientFactory>().CreateClient(VoiceAssistPlatform.ResilientHttpClient),
                settings.Endpoint is { Length: > 0 } url ? new Uri(url) : throw new InvalidOperationException("Knowledge:Embeddings:Endpoint is required for the openai provider."),
                settings.ApiKey, settings.Model, settings.Dimensions),
            "none" => null,
            _ => throw new InvalidOperationException($"Knowledge:Embeddings:Provider '{settings.Provider}' is not one of local, openai, none."),
        };
}
