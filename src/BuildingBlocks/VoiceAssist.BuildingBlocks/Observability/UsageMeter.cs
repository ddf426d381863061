using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>Metering of every call to a speech, language or embedding engine, for the console's usage and cost page:
/// how much, of which engine or model, for whom. A meter of its own that is never exported (its measurements carry
/// user ids); the Admin module listens to it and keeps daily totals.</summary>
public static class UsageMeter
{
    public const string Name = "VoiceAssist.Usage";

    /// <summary>The meters, as the usage page names them.</summary>
    public static class Meters
    {
        public const string SpeechToTextSeconds = "speech_to_text_seconds";
        public const string TextToSpeechCharacters = "text_to_speech_characters";
        public const string PromptTokens = "prompt_tokens";
        public const string CompletionTokens = "completion_tokens";
        public const string EmbeddingTokens = "embedding_tokens";
    }

    /// <summary>The user tag for work no signed-in user asked for (ingestion, background embedding).</summary>
    public const string System = "system";

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<double> Usage = Meter.CreateCounter<double>("voiceassist.usage", "{unit}", "Engine and model usage by meter, model and user");

    public static void Record(string meter, string model, string? user, double quantity)
    {
        if (quantity > 0)
        {
            Usage.Add(quantity, new("meter", meter), new("model", model), new("user", string.IsNullOrEmpty(user) ? System : user));
        }
    }

    /// <summary>A chat model's answer: its prompt and completion tokens as the endpoint reported them.</summary>
    public static void RecordChat(ChatResponse response, string? fallbackModel, string? user)
    {
        ArgumentNullException.ThrowIfNull(response);
        var model = response.ModelId ?? fallbackModel ?? "unknown";
        Record(Meters.PromptTokens, model, user, response.Usage?.InputTokenCount ?? 0);
        Record(Meters.CompletionTokens, model, user, response.Usage?.OutputTokenCount ?? 0);
    }

    /// <summary>An embedding call: the tokens the endpoint reported, or, where it reports none (the offline model), an
    /// estimate of four tokens for every three words, the usual ratio for English text.</summary>
    public static void RecordEmbeddings<TEmbedding>(IEmbeddingGenerator<string, TEmbedding> generator, GeneratedEmbeddings<TEmbedding> result, IEnumerable<string> inputs, string? user)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inputs);
        var model = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "local";
        var tokens = result.Usage?.InputTokenCount
            ?? (long)Math.Ceiling(inputs.Sum(text => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length) * 4 / 3.0);
        Record(Meters.EmbeddingTokens, model, user, tokens);
    }
}
