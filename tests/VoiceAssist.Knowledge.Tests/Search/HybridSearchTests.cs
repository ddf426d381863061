using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;
using Xunit.Abstractions;

namespace VoiceAssist.Knowledge.Tests.Search;

/// <summary>The real offline embedder (snowflake-arctic-embed-xs in this process) over a corpus where
/// keywords alone struggle: 56 questions written for this module that re-phrase PubMedQA questions with lay words
/// and abbreviations, against their abstracts plus, for each question, the three abstracts a plain BM25 ranks
/// highest among the wrong ones (159 abstracts; PubMedQA, MIT licence, see data/PUBMEDQA-LICENSE).</summary>
public sealed class HybridSearchTests(HybridSearchTests.Factory factory, ITestOutputHelper output) : IClassFixture<HybridSearchTests.Factory>
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Search", "data");

    [Fact]
    public async Task Hybrid_search_ranks_paraphrased_questions_better_than_keywords_alone()
    {
        var client = factory.CreateClient();
        await client.Import(await File.ReadAllTextAsync(Path.Combine(Data, "paraphrase-corpus.jsonl")));
        await Eventually.Until(
            () => client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative)),
            s => s.GetProperty("passagesWithVectors").GetInt64() == s.GetProperty("passages").GetInt64(),
            TimeSpan.FromMinutes(8), "every passage embedded");
        var queries = File.ReadLines(Path.Combine(Data, "paraphrase-queries.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("text").GetString()!);
        var relevant = File.ReadLines(Path.Combine(Data, "paraphrase-qrels.tsv")).Select(l => l.Split('\t')).Where(p => p.Length >= 3)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => p[1]).ToHashSet());
        var search = factory.Services.GetRequiredService<HybridSearch>();

        var keyword = new List<(double Ndcg, double Recall)>();
        var hybrid = new List<(double Ndcg, double Recall)>();
        foreach (var (id, text) in queries)
        {
            var keywordOnly = await search.Search(text, null, 10, onePerDocument: true, CancellationToken.None, useVectors: false);
            keyword.Add(Score(keywordOnly.Passages.Select(p => p.ExternalId!).ToList(), relevant[id]));
            var results = await client.Search(text);
            results.GetProperty("mode").GetString().Should().Be("hybrid");
            hybrid.Add(Score(results.Passages().Select(p => p.GetProperty("externalId").GetString()!).ToList(), relevant[id]));
        }

        var (keywordNdcg, keywordRecall) = (keyword.Average(s => s.Ndcg), keyword.Average(s => s.Recall));
        var (hybridNdcg, hybridRecall) = (hybrid.Average(s => s.Ndcg), hybrid.Average(s => s.Recall));
        var report = $"nDCG@10 hybrid {hybridNdcg:F3} vs keyword {keywordNdcg:F3}; Recall@10 hybrid {hybridRecall:F3} vs keyword {keywordRecall:F3}";
        output.WriteLine(report);
        hybridNdcg.Should().BeGreaterThan(keywordNdcg, report);
        hybridRecall.Should().BeGreaterThanOrEqualTo(keywordRecall, report);
    }

    /// <summary>nDCG@10 and Recall@10 with binary relevance.</summary>
    private static (double Ndcg, double Recall) Score(IReadOnlyList<string> ranked, HashSet<string> relevant)
    {
        var top = ranked.Take(10).ToList();
        var dcg = top.Select((id, i) => relevant.Contains(id) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(10, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return (dcg / ideal, (double)top.Count(relevant.Contains) / relevant.Count);
    }

    public sealed class Factory : KnowledgeFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:Embeddings:Provider"] = "arctic-embed-xs",
        };
    }
}
