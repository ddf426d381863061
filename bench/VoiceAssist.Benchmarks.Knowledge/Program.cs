using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Benchmarks.Knowledge;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.Testing;

// Evaluates the knowledge base end to end: starts the real host on a private PostgreSQL, imports a corpus through
// POST /api/knowledge/documents/import, waits for its vectors, then runs every query set through the public
// SearchKnowledge contract and prints nDCG@10, Recall@10, MRR@10 and latency beside a plain BM25 baseline.
//
//   dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Knowledge -- evaluate [options]
//     the development set evaluation (DevelopmentSetEvaluation.cs: BioASQ, hybrid / keyword / vector, answerability)
//   dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Knowledge -- [options]
//     --corpus PATH            JSON lines {"id","title","text"} (default ../shared/data/pubmedqa/corpus.jsonl)
//     --set NAME QUERIES QRELS another query set (repeatable; defaults: pubmedqa and the paraphrase set in data/)
//     --embeddings local|none  the embedder (default local)
//     --scale N                also time search over N synthetic passages (keyword, and exact vectors in memory),
//                              and a restart on that database (how soon the keyword index is ready)
//     --scale-only             skip the query sets (and the corpus import)
//     --pdf-pages N            time extraction of an N-page text PDF and of an image-only (scanned) PDF of
//                              N/10 pages read by OCR, excluding embeddings; prints pages per second
//     --sweep A:B:T,...        also run SearchKnowledge with each vector weight setting (at full keyword coverage :
//                              at none : coverage threshold), on the same ingested and embedded corpus
//     --option KEY=VALUE       any host setting, e.g. Knowledge:Search:VectorWeight=0.5
var culture = CultureInfo.InvariantCulture;
var root = RepositoryRoot();
// The same host for both commands: its content root, which WebApplicationFactory otherwise learns from a test project's build.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOICEASSIST_HOST", Path.Combine(root, "src", "VoiceAssist.Host"));
if (args.Length > 0 && args[0] == "evaluate")
{
    return await DevelopmentSetEvaluation.Run(args[1..], root);
}

var corpusPath = VoiceAssist.Knowledge.DemoData.DemoKnowledgeBaseLoader.ResolvePath("../shared/data/pubmedqa/corpus.jsonl", root) ?? "../shared/data/pubmedqa/corpus.jsonl";
var sets = new List<(string Name, string Queries, string Qrels)>();
var embeddings = "local";
var scale = 0;
var scaleOnly = false;
var pdfPages = 0;
var sweep = new List<(double AtFullCoverage, double AtNoCoverage, double Threshold)>();
var hostOptions = new Dictionary<string, string?>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--corpus": corpusPath = args[++i]; break;
        case "--set": sets.Add((args[i + 1], args[i + 2], args[i + 3])); i += 3; break;
        case "--embeddings": embeddings = args[++i]; break;
        case "--scale": scale = int.Parse(args[++i], culture); break;
        case "--scale-only": scaleOnly = true; break;
        case "--pdf-pages": pdfPages = int.Parse(args[++i], culture); break;
        case "--sweep": sweep.AddRange(args[++i].Split(',').Select(p => p.Split(':')).Select(p => (double.Parse(p[0], culture), double.Parse(p[1], culture), p.Length > 2 ? double.Parse(p[2], culture) : 1.0))); break;
        case "--option": var kv = args[++i].Split('=', 2); hostOptions[kv[0]] = kv[1]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}");
    }
}

if (sets.Count == 0)
{
    var pubmedqa = Path.GetDirectoryName(Path.GetFullPath(corpusPath))!;
    sets.Add(("pubmedqa", Path.Combine(pubmedqa, "queries.jsonl"), Path.Combine(pubmedqa, "qrels.tsv")));
    var data = Path.Combine(AppContext.BaseDirectory, "data");
    sets.Add(("paraphrase", Path.Combine(data, "paraphrase-queries.jsonl"), Path.Combine(data, "paraphrase-qrels.tsv")));
}

hostOptions["Knowledge:Embeddings:Provider"] = embeddings;
hostOptions["Knowledge:DemoData:Enabled"] = "false";
hostOptions["Serilog:MinimumLevel"] = "Warning";
Console.WriteLine($"corpus: {corpusPath}; embeddings: {embeddings}; options: {string.Join(", ", hostOptions.Select(o => $"{o.Key}={o.Value}"))}");

var corpus = File.ReadLines(corpusPath).Where(l => l.Trim().Length > 0).Select(l =>
{
    using var json = JsonDocument.Parse(l);
    var r = json.RootElement;
    return (Id: r.GetProperty("id").ToString(), Title: r.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "", Text: r.GetProperty("text").GetString() ?? "");
}).ToList();

if (!scaleOnly)
{
    using var factory = new BenchFactory(hostOptions);
    var client = factory.CreateClient();
    client.Timeout = TimeSpan.FromMinutes(30);
    var started = Stopwatch.GetTimestamp();
    using (var body = new StreamContent(File.OpenRead(corpusPath)))
    {
        var response = await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        Console.WriteLine($"import: {await response.Content.ReadAsStringAsync()}");
    }

    var importSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
    var passages = status.GetProperty("passages").GetInt64();
    Console.WriteLine($"ingestion (keyword-indexed when the response returns): {corpus.Count} documents, {passages} passages in {importSeconds:F1} s = {corpus.Count / importSeconds:F0} documents/s, {passages / importSeconds:F0} passages/s");

    if (embeddings != "none")
    {
        started = Stopwatch.GetTimestamp();
        long withVectors;
        do
        {
            await Task.Delay(2000);
            status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
            withVectors = status.GetProperty("passagesWithVectors").GetInt64();
        }
        while (withVectors < passages && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(40));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"embedding: {withVectors} of {passages} passages in {seconds:F0} s = {withVectors / seconds:F1} passages/s");
    }

    var hybrid = factory.Services.GetRequiredService<HybridSearch>();
    var bm25 = new PlainBm25(corpus.Select(d => (d.Id, d.Title + " " + d.Text)));
    await using (var warm = factory.Services.CreateAsyncScope())
    {
        await warm.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge("warm up the index"));
    }

    Console.WriteLine();
    Console.WriteLine("| set | queries | system | nDCG@10 | Recall@10 | MRR@10 | p50 ms | p95 ms |");
    Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, queriesPath, qrelsPath) in sets)
    {
        var queries = File.ReadLines(queriesPath).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            return (Id: json.RootElement.GetProperty("id").GetString()!, Text: json.RootElement.GetProperty("text").GetString()!);
        }).ToList();
        var qrels = File.ReadLines(qrelsPath).Select(l => l.Split('\t')).Where(p => p.Length >= 3)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(p => p[1], p => int.Parse(p[2], culture)));
        queries = queries.Where(q => qrels.ContainsKey(q.Id)).ToList();

        var systems = new List<(string System, Func<string, Task<IReadOnlyList<string>>> Run)>
        {
            ("plain BM25 baseline", q => Task.FromResult(bm25.Search(q, 10))),
            ("VoiceAssist keyword only", async q => (await hybrid.Search(q, null, 10, onePerDocument: true, CancellationToken.None, useVectors: false)).Passages.Select(p => p.ExternalId!).ToList()),
            ("VoiceAssist SearchKnowledge", async q =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge(q, null, 10));
                return results.Passages.Select(p => p.ExternalId!).ToList();
            }),
        };
        var searchOptions = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VoiceAssist.Knowledge.KnowledgeOptions>>().Value.Search;
        var defaults = (searchOptions.VectorWeight, searchOptions.VectorWeightWhenKeywordsMiss, searchOptions.KeywordCoverageThreshold);
        foreach (var (full, none, threshold) in sweep)
        {
            systems.Add(($"SearchKnowledge, vector weight {full} above coverage {threshold}, up to {none}", async q =>
            {
                (searchOptions.VectorWeight, searchOptions.VectorWeightWhenKeywordsMiss, searchOptions.KeywordCoverageThreshold) = (full, none, threshold);
                await using var scope = factory.Services.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge(q, null, 10));
                (searchOptions.VectorWeight, searchOptions.VectorWeightWhenKeywordsMiss, searchOptions.KeywordCoverageThreshold) = defaults;
                return results.Passages.Select(p => p.ExternalId!).ToList();
            }));
        }

        foreach (var (system, run) in systems)
        {
            var scores = new List<(double, double, double)>();
            var latencies = new List<double>();
            foreach (var query in queries)
            {
                var t = Stopwatch.GetTimestamp();
                var ranked = await run(query.Text);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                scores.Add(Evaluation.Score(ranked, qrels[query.Id]));
            }

            Console.WriteLine(string.Create(culture, $"| {name} | {queries.Count} | {system} | {scores.Average(s => s.Item1):F3} | {scores.Average(s => s.Item2):F3} | {scores.Average(s => s.Item3):F3} | {Evaluation.Percentile(latencies, 50):F1} | {Evaluation.Percentile(latencies, 95):F1} |"));
        }
    }
}

if (pdfPages > 0)
{
    await PdfThroughput(pdfPages, corpus.Select(d => d.Text).ToList());
}

if (scale > 0)
{
    await Scale(scale, corpus.Select(d => d.Text).ToList(), hostOptions);
}

return 0;

static async Task Scale(int passages, List<string> texts, Dictionary<string, string?> hostOptions)
{
    Console.WriteLine();
    var random = new Random(42);
    var sentences = texts.SelectMany(t => t.Split(". ")).Where(s => s.Length > 30).ToList();
    var options = new Dictionary<string, string?>(hostOptions) { ["Knowledge:Embeddings:Provider"] = "none" };
    var factory = new BenchFactory(options);
    var client = factory.CreateClient();
    client.Timeout = TimeSpan.FromMinutes(30);
    var lines = new StringBuilder();
    for (var i = 0; i < passages; i++)
    {
        var text = string.Join(". ", Enumerable.Range(0, 8).Select(_ => sentences[random.Next(sentences.Count)])) + ".";
        lines.Append(JsonSerializer.Serialize(new { id = $"s{i}", title = "", text })).Append('\n');
    }

    var started = Stopwatch.GetTimestamp();
    using (var body = new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson"))
    {
        (await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body)).EnsureSuccessStatusCode();
    }

    var importSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/knowledge/status", UriKind.Relative));
    var chunkCount = status.GetProperty("passages").GetInt64();
    Console.WriteLine($"scale: imported {passages} synthetic documents ({chunkCount} passages) in {importSeconds:F1} s = {passages / importSeconds:F0} documents/s");
    started = Stopwatch.GetTimestamp();
    await using (var warm = factory.Services.CreateAsyncScope())
    {
        await warm.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge("warm up"));
    }

    Console.WriteLine($"scale: first search after the import took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
    var queries = sentences.OrderBy(_ => random.Next()).Take(200).Select(s => string.Join(' ', s.Split(' ').Take(8))).ToList();
    var latencies = await TimeSearches(factory, queries);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: SearchKnowledge (keyword) over {chunkCount} passages, 200 queries: p50 {Evaluation.Percentile(latencies, 50):F1} ms, p95 {Evaluation.Percentile(latencies, 95):F1} ms"));

    // A restart: a new host on the same database. The keyword index loads in the background as the host starts.
    var (database, redis) = (factory.DatabaseConnectionString, factory.RedisConnectionString);
    await factory.DisposeAsync();
    started = Stopwatch.GetTimestamp();
    using var restarted = new BenchFactory(options, database, redis);
    restarted.CreateClient().Dispose();
    var hostStarted = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var searchIndex = restarted.Services.GetRequiredService<SearchIndex>();
    var duringLoad = await TimeSearches(restarted, queries.Skip(100).Take(5).ToList());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: after restart, searches while the in-memory index loads (ranked by PostgreSQL{(searchIndex.Loaded ? "; the index had already loaded" : "")}): first {duringLoad[0]:F1} ms, max of 5 {duringLoad.Max():F1} ms"));
    while (!searchIndex.Loaded)
    {
        await Task.Delay(50);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: restart: host started in {hostStarted:F1} s, keyword index of {searchIndex.ChunkCount} passages loaded {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s after the start"));
    latencies = await TimeSearches(restarted, queries.Take(20).ToList());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: after restart, once loaded: first search {latencies[0]:F1} ms, 20 searches p50 {Evaluation.Percentile(latencies, 50):F1} ms, max {latencies.Max():F1} ms"));

    var index = new InMemoryVectorIndex();
    for (var i = 0; i < chunkCount; i++)
    {
        index.Upsert(i, Guid.Empty, Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
    }

    latencies.Clear();
    for (var q = 0; q < 200; q++)
    {
        var vector = Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var t = Stopwatch.GetTimestamp();
        await index.Search(vector, "synthetic", 100, null, CancellationToken.None);
        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: exact in-memory vector search over {chunkCount} vectors of 512 dimensions, 200 queries: p50 {Evaluation.Percentile(latencies, 50):F1} ms, p95 {Evaluation.Percentile(latencies, 95):F1} ms"));
}

static async Task PdfThroughput(int pages, List<string> texts)
{
    Console.WriteLine();
    // Each page: a heading and about 45 lines of abstract text wrapped at 90 characters, like a guideline's page.
    var words = string.Join(' ', texts).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    var pageLines = new List<string[]>();
    var next = 0;
    for (var p = 0; p < pages; p++)
    {
        var lines = new List<string> { $"{p + 1}. SECTION {p + 1}", "" };
        while (lines.Count < 47)
        {
            var line = new StringBuilder();
            while (line.Length < 90)
            {
                line.Append(words[next++ % words.Length]).Append(' ');
            }

            lines.Add(line.ToString().TrimEnd());
        }

        pageLines.Add([.. lines]);
    }

    var ocr = new VoiceAssist.Knowledge.Ingestion.Ocr.OcrSettings();
    var textPdf = PdfSamples.TextPdf(pageLines);
    var started = Stopwatch.GetTimestamp();
    var extracted = await VoiceAssist.Knowledge.Ingestion.PdfExtractor.Extract(textPdf, ocr, _ => Task.CompletedTask, CancellationToken.None);
    var chunks = VoiceAssist.Knowledge.Ingestion.Chunker.Split(extracted.Blocks);
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pdf: text layer, {pages} pages ({textPdf.Length / 1024} KiB) extracted and chunked into {chunks.Count} passages in {seconds:F2} s = {pages / seconds:F0} pages/s (no OCR pages: {extracted.OcrPages.Count == 0})"));

    var scannedPages = Math.Max(1, pages / 10);
    var scanned = PdfSamples.ScannedPdf(PdfSamples.TextPdf(pageLines.Take(scannedPages).ToList()), scannedPages, 200);
    started = Stopwatch.GetTimestamp();
    extracted = await VoiceAssist.Knowledge.Ingestion.PdfExtractor.Extract(scanned, ocr, _ => Task.CompletedTask, CancellationToken.None);
    seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var expected = string.Join(' ', pageLines.Take(scannedPages).SelectMany(l => l.Skip(2)));
    var found = extracted.FullText.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    var wordRecall = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Average(w => found.Contains(w) ? 1.0 : 0.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pdf: scanned (200 dpi images, rendered at {ocr.Dpi} dpi for OCR), {extracted.OcrPages.Count} pages read by OCR in {seconds:F1} s = {extracted.OcrPages.Count / seconds:F2} pages/s; mean confidence {extracted.OcrPages.Average(p => p.Confidence):F0}; words of the page found verbatim {wordRecall:P1}"));
}

static async Task<List<double>> TimeSearches(BenchFactory factory, List<string> queries)
{
    var latencies = new List<double>();
    foreach (var query in queries)
    {
        var t = Stopwatch.GetTimestamp();
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchKnowledge(query));
        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    return latencies;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "VoiceAssist.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

namespace VoiceAssist.Benchmarks.Knowledge
{
    internal sealed class BenchFactory : VoiceAssistFactory
    {
        private readonly IDictionary<string, string?> settings;

        public BenchFactory(IDictionary<string, string?> settings) => this.settings = settings;

        /// <summary>A host on an existing database: a restart.</summary>
        public BenchFactory(IDictionary<string, string?> settings, string database, string redis)
            : base(database, redis) => this.settings = settings;

        protected override IDictionary<string, string?> Settings => settings;
    }
}
