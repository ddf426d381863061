using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>Any OpenAI-compatible <c>POST {endpoint}/embeddings</c> (OpenAI, Azure OpenAI, vLLM, Ollama,
/// text-embeddings-inference), configured by URL, key and model, through the resilient HTTP client.</summary>
internal sealed class OpenAiCompatibleEmbeddingGenerator(HttpClient http, Uri endpoint, string? apiKey, string model, int? dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new EmbeddingsRequest(values.ToArray(), options?.ModelId ?? model, "float", options?.Dimensions ?? dimensions);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.ToString().TrimEnd('/') + "/embeddings"))
        {
            Content = JsonContent.Create(request),
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The embeddings endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<EmbeddingsResponse>(cancellationToken)
            ?? throw new InvalidOperationException("The embeddings endpoint sent an empty response.");
        var embeddings = body.Data.OrderBy(d => d.Index).Select(d => new Embedding<float>(d.Embedding) { ModelId = body.Model }).ToList();
        if (embeddings.Count != request.Input.Length)
        {
            throw new InvalidOperationException($"The embeddings endpoint returned {embeddings.Count} vectors for {request.Input.Length} inputs.");
        }

        var generated = new GeneratedEmbeddings<Embedding<float>>(embeddings);
        if (body.Usage is { } usage)
        {
            generated.Usage = new UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens };
        }

        return generated;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("openai-compatible", endpoint, model, dimensions)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The HttpClient comes from IHttpClientFactory, which owns its handlers.
    }

    internal sealed record EmbeddingsRequest(
        [property: JsonPropertyName("input")] string[] Input,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("encoding_format")] string EncodingFormat,
        [property: JsonPropertyName("dimensions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Dimensions);

    internal sealed record EmbeddingsResponse(
        [property: JsonPropertyName("data")] EmbeddingData[] Data,
        [property: JsonPropertyName("model")] string? Model,
        [property: JsonPropertyName("usage")] EmbeddingUsage? Usage);

    internal sealed record EmbeddingData([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("embedding")] float[] Embedding);

    internal sealed record EmbeddingUsage([property: JsonPropertyName("prompt_tokens")] int PromptTokens, [property: JsonPropertyName("total_tokens")] int TotalTokens);
}
