using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace VoiceAssist.Knowledge.Tests.Support;

/// <summary>Deterministic stand-in for an embedding model in unit tests: each word adds a fixed pseudo-random
/// direction, so texts sharing words are close. Never used outside tests.</summary>
internal sealed class HashedEmbedder(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(word));
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] += (hash[i % hash.Length] / 255f) - 0.5f + (i % 7 == hash[0] % 7 ? 0.3f : 0f);
            }
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
