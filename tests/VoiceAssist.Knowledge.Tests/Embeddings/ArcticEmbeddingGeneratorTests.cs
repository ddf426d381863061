using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using VoiceAssist.Knowledge.Embeddings;

namespace VoiceAssist.Knowledge.Tests.Embeddings;

/// <summary>The offline embedder in this process: snowflake-arctic-embed-xs from its NuGet package, no other process.</summary>
public sealed class ArcticEmbeddingGeneratorTests
{
    [Fact]
    public async Task A_question_is_closer_to_the_passage_that_answers_it_than_to_others()
    {
        using var generator = new ArcticEmbeddingGenerator(intraOpThreads: 1, groupSize: 2);
        string[] passages =
        [
            "Pembrolizumab required a companion diagnostic test, Dako's IHC 22C3, to assess PD-L1 status of patients.",
            "Hip fracture surgery within 48 hours reduced mortality in elderly patients.",
            "Increased calcineurin/Nfat signalling and decreased miR-25 expression re-express Hand2 in heart failure.",
        ];
        var stored = await generator.GenerateAsync(passages);
        var query = await generator.GenerateAsync(["What does the pembrolizumab companion diagnostic test assess?"],
            new EmbeddingGenerationOptions { AdditionalProperties = new() { [ArcticEmbeddingGenerator.InputTypeKey] = ArcticEmbeddingGenerator.QueryInput } });

        stored.Should().HaveCount(3);
        stored.Should().OnlyContain(e => e.Vector.Length == 384 && e.ModelId == ArcticEmbeddingGenerator.ModelName);
        var similarity = stored.Select(s => TensorPrimitives.CosineSimilarity(query[0].Vector.Span, s.Vector.Span)).ToList();
        similarity[0].Should().BeGreaterThan(similarity[1] + 0.05f).And.BeGreaterThan(similarity[2] + 0.05f);
    }

    [Fact]
    public async Task Encoding_in_groups_sorted_by_length_keeps_each_vector_with_its_text()
    {
        using var generator = new ArcticEmbeddingGenerator(intraOpThreads: 1, groupSize: 3);
        string[] texts = ["A long passage about warfarin dosing in atrial fibrillation and the INR target range of two to three.", "Asthma.", "Statins in chronic kidney disease.", "Knee."];
        var together = await generator.GenerateAsync(texts);
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            var alone = await generator.GenerateAsync([text]);
            TensorPrimitives.CosineSimilarity(alone[0].Vector.Span, together[i].Vector.Span).Should().BeGreaterThan(0.9999f, text);
        }
    }
}
