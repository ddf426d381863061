using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Benchmarks.Knowledge;

/// <summary>The development set evaluation (<c>evaluate</c>): imports a retrieval set (BioASQ by default, 1,000 expert
/// questions over 4,301 PubMed documents) through the public import endpoint, waits for every vector, prints the
/// embedding rate, then nDCG@10, Recall@10 and MRR@10 of hybrid search (the public <c>SearchKnowledge</c> contract),
/// keyword only, vector only and a plain BM25 baseline, each fusion setting of <c>--sweep</c>, and answerability:
/// some questions' relevant documents are deleted through the public API, and <c>AnswerQuestion</c> should say it
/// found nothing for them while still answering the others. Ends with the load average.</summary>
/// <remarks>
///   evaluate [--data DIR] [--sweep FULL:NONE:THRESHOLD[:KEYWORD],...] [--holdout N] [--option KEY=VALUE]
///   --data     folder with corpus.jsonl, queries.jsonl, qrels.tsv (default ../shared/data/bioasq-dev)
///   --sweep    other fusion weights, tried on the same embedded corpus (vector weight at full keyword coverage,
///              at none, the coverage threshold, and the keyword weight, default 1)
///   --holdout  questions whose documents are removed for the answerability measure (default 100)
/// </remarks>
internal static class DevelopmentSetEvaluation
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static async Task<int> Run(string[] args, string root)
    {
        // ../shared beside the repository, found from the repository or any folder above it.
        var data = Path.GetDirectoryName(VoiceAssist.Knowledge.DemoData.DemoKnowledgeBaseLoader.ResolvePath("../shared/data/bioasq-dev/corpus.jsonl", root))
            ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "bioasq-dev"));
        var sweep = new List<(double Full, double None, double Threshold, double Keyword)>();
        var holdout = 100;
        var hostOptions = new Dictionary<string, string?>
        {
            ["Knowledge:Embeddings:Provider"] = "arctic-embed-xs",
            ["Knowledge:DemoData:Enabled"] = "false",
            ["Serilog:MinimumLevel"] = "Warning",
        };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = Path.GetFullPath(args[++i]); break;
                case "--holdout": holdout = int.Parse(args[++i], Culture); break;
                case "--sweep":
                    sweep.AddRange(args[++i].Split(',').Select(p => p.Split(':').Select(x => double.Parse(x, Culture)).ToArray())
                        .Select(p => (p[0], p[1], p.Length > 2 ? p[2] : 1.0, p.Length > 3 ? p[3] : 1.0)));
                    break;
                case "--option": var kv = args[++i].Split('=', 2); hostOptions[kv[0]] = kv[1]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }

        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"data: {data}; options: {string.Join(", ", hostOptions.Select(o => $"{o.Key}={o.Value}"))}; processors: {Environment.ProcessorCount}");
        var corpusPath = Path.Combine(data, "corpus.jsonl");
        var corpus = File.ReadLines(corpusPath).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var r = json.RootElement;
            return (Id: r.GetProperty("id").ToString(), Title: r.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "", Text: r.GetProperty("text").GetString() ?? "");
        }).ToList();
        var queries = File.ReadLines(Path.Combine(data, "queries.jsonl")).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            return (Id: json.RootElement.GetProperty("id").GetString()!, Text: json.RootElement.GetProperty("text").GetString()!);
        }).ToList();
        var qrels = File.ReadLines(Path.Combine(data, "qrels.tsv")).Select(l => l.Split('\t')).Where(p => p.Length >= 3)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(p => p[1], p => int.Parse(p[2], Culture)));
        queries = queries.Where(q => qrels.ContainsKey(q.Id)).ToList();

        using var factory = new BenchFactory(hostOptions);
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30);
        var started = Stopwatch.GetTimestamp();
        using (var body = new StreamContent(File.OpenRead(corpusPath)))
        {
            using var response = await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body);
            Console.WriteLine($"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            response.EnsureSuccessStatusCode();
        }

        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
        var passages = status.GetProperty("passages").GetInt64();
        Console.WriteLine(string.Create(Culture, $"ingestion: {corpus.Count} documents, {passages} passages keyword-searchable in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

        var embedding = factory.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Embeddings;
        started = Stopwatch.GetTimestamp();
        long withVectors;
        do
        {
            await Task.Delay(1000);
            status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
            withVectors = status.GetProperty("passagesWithVectors").GetInt64();
        }
        while (withVectors < passages && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(60));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(Culture, $"embedding ({status.GetProperty("embeddingModel").GetString()}, {embedding.EffectiveIntraOpThreads} ONNX thread(s), groups of {embedding.EncodeGroupSize}, batches of {embedding.BatchSize}): {withVectors} of {passages} passages in {seconds:F0} s = {withVectors / seconds:F1} passages/s; load average now {File.ReadAllText("/proc/loadavg").Trim()}"));

        var hybrid = factory.Services.GetRequiredService<HybridSearch>();
        var bm25 = new PlainBm25(corpus.Select(d => (d.Id, d.Title + " " + d.Text)));
        var search = factory.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Search;
        var fallbacks = 0;
        async Task<IReadOnlyList<string>> SearchKnowledge(string q)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge(q, null, 10));
            if (results.Fallback is not null)
            {
                Interlocked.Increment(ref fallbacks);
            }

            return results.Passages.Select(p => p.ExternalId!).ToList();
        }

        await SearchKnowledge("warm up the index");
        var systems = new List<(string System, Func<string, Task<IReadOnlyList<string>>> Run)>
        {
            ("plain BM25 baseline", q => Task.FromResult(bm25.Search(q, 10))),
            ("keyword only", async q => (await hybrid.Search(q, null, 10, onePerDocument: true, CancellationToken.None, useVectors: false)).Passages.Select(p => p.ExternalId!).ToList()),
            ("vector only", async q => (await hybrid.Search(q, null, 10, onePerDocument: true, CancellationToken.None, useKeywords: false)).Passages.Select(p => p.ExternalId!).ToList()),
            (string.Create(Culture, $"hybrid (SearchKnowledge; vector weight {search.VectorWeight} above coverage {search.KeywordCoverageThreshold}, up to {search.VectorWeightWhenKeywordsMiss}, keyword weight {search.KeywordWeight})"), SearchKnowledge),
        };
        var defaults = (search.VectorWeight, search.VectorWeightWhenKeywordsMiss, search.KeywordCoverageThreshold, search.KeywordWeight);
        foreach (var (full, none, threshold, keyword) in sweep)
        {
            systems.Add((string.Create(Culture, $"sweep: vector weight {full} above coverage {threshold}, up to {none}, keyword weight {keyword}"), async q =>
            {
                (search.VectorWeight, search.VectorWeightWhenKeywordsMiss, search.KeywordCoverageThreshold, search.KeywordWeight) = (full, none, threshold, keyword);
                try
                {
                    return await SearchKnowledge(q);
                }
                finally
                {
                    (search.VectorWeight, search.VectorWeightWhenKeywordsMiss, search.KeywordCoverageThreshold, search.KeywordWeight) = defaults;
                }
            }));
        }

        Console.WriteLine();
        Console.WriteLine("| system | queries | nDCG@10 | Recall@10 | MRR@10 | p50 ms | p95 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (system, run) in systems)
        {
            fallbacks = 0;
            var scores = new List<(double, double, double)>();
            var latencies = new List<double>();
            foreach (var query in queries)
            {
                var t = Stopwatch.GetTimestamp();
                var ranked = await run(query.Text);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                scores.Add(Evaluation.Score(ranked, qrels[query.Id]));
            }

            Console.WriteLine(string.Create(Culture, $"| {system} | {queries.Count} | {scores.Average(s => s.Item1):F3} | {scores.Average(s => s.Item2):F3} | {scores.Average(s => s.Item3):F3} | {Evaluation.Percentile(latencies, 50):F1} | {Evaluation.Percentile(latencies, 95):F1} |"));
            if (fallbacks > 0)
            {
                Console.WriteLine($"  ({fallbacks} of these searches fell back to keywords)");
            }
        }

        if (holdout > 0)
        {
            await Answerability(factory, client, queries, qrels, holdout);
        }

        Console.WriteLine();
        Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Removes every relevant document of <paramref name="holdout"/> questions (every tenth question, in file
    /// order, among those whose documents no other question needs) and asks all of those questions, and as many
    /// others whose documents are all still there.</summary>
    private static async Task Answerability(BenchFactory factory, HttpClient client, List<(string Id, string Text)> queries,
        Dictionary<string, IReadOnlyDictionary<string, int>> qrels, int holdout)
    {
        var users = qrels.SelectMany(q => q.Value.Keys.Select(d => (Document: d, Query: q.Key))).GroupBy(x => x.Document).ToDictionary(g => g.Key, g => g.Count());
        var exclusive = queries.Where(q => qrels[q.Id].Keys.All(d => users[d] == 1)).ToList();
        var removedQueries = exclusive.Where((_, i) => i % 10 == 0).Take(holdout).ToList();
        var removedDocuments = removedQueries.SelectMany(q => qrels[q.Id].Keys).ToHashSet();
        var answerable = queries.Where(q => !removedQueries.Contains(q)).Where((_, i) => i % 9 == 0).Take(removedQueries.Count).ToList();

        var ids = new List<Guid>();
        await using (var command = factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT id FROM knowledge.documents WHERE external_id = ANY(@ids)"))
        {
            command.Parameters.AddWithValue("ids", removedDocuments.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in ids)
        {
            using var response = await client.DeleteAsync(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative));
            response.EnsureSuccessStatusCode();
        }

        async Task<(bool Found, bool CitesRelevant)> Ask(string question, IReadOnlyDictionary<string, int> relevant)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var answer = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AnswerQuestion(question));
            return (answer.Found, answer.Citations.Any(c => c.ExternalId is { } e && relevant.ContainsKey(e)));
        }

        var notFound = 0;
        foreach (var q in removedQueries)
        {
            notFound += (await Ask(q.Text, qrels[q.Id])).Found ? 0 : 1;
        }

        var (found, citesRelevant) = (0, 0);
        foreach (var q in answerable)
        {
            var (f, c) = await Ask(q.Text, qrels[q.Id]);
            found += f ? 1 : 0;
            citesRelevant += f && c ? 1 : 0;
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(Culture, $"answerability: {removedQueries.Count} questions with their {ids.Count} relevant documents deleted: {notFound} answered \"not found\" ({(double)notFound / removedQueries.Count:P1}), {removedQueries.Count - notFound} cited other documents"));
        Console.WriteLine(string.Create(Culture, $"answerability: {answerable.Count} questions with their documents present: {found} answered ({(double)found / answerable.Count:P1}), {citesRelevant} of them citing a relevant document"));
    }
}
