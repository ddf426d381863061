using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>The configured embedder behind the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> seam, chosen from
/// <c>Knowledge:Embeddings:Provider</c>: <c>arctic-embed-xs</c> (in process, offline; <c>local</c> means the same),
/// <c>openai</c>, or <c>none</c> (null: keyword search only). Read through <see cref="IOptionsMonitor{TOptions}"/> at
/// every use, so an administrator's change takes effect without a restart: the next search embeds its query with the
/// new model, and the embedding worker re-embeds every passage whose vector was made by another.</summary>
internal sealed class EmbeddingProvider(IServiceProvider services, IOptionsMonitor<KnowledgeOptions> options) : IDisposable
{
    private readonly Lock gate = new();
    private ArcticEmbeddingGenerator? arctic;
    private (string Key, IEmbeddingGenerator<string, Embedding<float>>? Generator, string? Model) current;

    /// <summary>The embedder now configured, or null when search is keyword-only.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Generator => Current().Generator;

    /// <summary>The name every vector is stored with: a vector of any other model is stale and made again.</summary>
    public string? Model => Current().Model;

    private (string Key, IEmbeddingGenerator<string, Embedding<float>>? Generator, string? Model) Current()
    {
        var settings = options.CurrentValue.Embeddings;
        var key = string.Join('\n', settings.Provider.ToLowerInvariant(), settings.Endpoint, settings.ApiKey, settings.Model, settings.Dimensions, settings.IntraOpThreads, settings.EncodeGroupSize);
        lock (gate)
        {
            if (current.Key != key)
            {
                current = (key, Create(settings, out var model), model);
            }

            return current;
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>>? Create(EmbeddingOptions settings, out string? model)
    {
        switch (settings.Provider.ToLowerInvariant())
        {
            case EmbeddingOptions.Arctic or "local":
                // One encoder per process (the model is about 90 MB); a thread setting change takes effect at restart.
                arctic ??= new ArcticEmbeddingGenerator(settings.EffectiveIntraOpThreads, settings.EncodeGroupSize);
                model = ArcticEmbeddingGenerator.ModelName;
                return arctic;
            case "openai":
                var endpoint = settings.Endpoint is { Length: > 0 } url ? new Uri(url) : throw new InvalidOperationException("Knowledge:Embeddings:Endpoint is required for the openai provider.");
                model = settings.Dimensions is { } size ? $"{settings.Model}@{size}" : settings.Model;
                return new OpenAiCompatibleEmbeddingGenerator(
                    services.GetRequiredService<IHttpClientFactory>().CreateClient(VoiceAssistPlatform.ResilientHttpClient),
                    endpoint, settings.ApiKey, settings.Model, settings.Dimensions);
            case "none":
                model = null;
                return null;
            default:
                throw new InvalidOperationException($"Knowledge:Embeddings:Provider '{settings.Provider}' is not one of {EmbeddingOptions.Arctic}, openai, none.");
        }
    }

    public void Dispose() => arctic?.Dispose();
}
