// Text-turn latency of the offline conversation engine through the real host (HTTP pipeline, mediator, PostgreSQL),
// on this machine, with the demo knowledge base (shared/data/pubmedqa, 500 abstracts) loaded and embedded first.
//   dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Conversation [-- --turns 400]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

var turns = Option("--turns", 400);

string[] calculatorScript =
[
    "CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes",
    "and if she also had a prior stroke?",
    "sorry, she's 67, not 76",
    "creatinine clearance, 72 yo F, weighs 60 kilos, creatinine of 106 micromoles",
    "eGFR for a seventy two year old woman, creatinine one point four",
    "HAS-BLED for a 70 year old on aspirin with labile INR and h/o stroke, denies bleeding",
    "mean arterial pressure, BP 150 over 90",
    "Wells score for DVT: active cancer, calf swelling and a previous DVT",
];

// WebApplicationFactory finds the host's content root through this variable outside a test project.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "VoiceAssist.sln")))
{
    repository = repository.Parent;
}

var root = repository?.FullName ?? ".";
var demoQueries = FindUpwards(root, Path.Combine("shared", "data", "pubmedqa", "queries.jsonl"))
    ?? throw new FileNotFoundException("The demo knowledge base's questions (shared/data/pubmedqa/queries.jsonl) were not found above the repository.");

// Clarification and follow-up turns, and questions the demo knowledge base (PubMedQA abstracts) can answer.
string[] knowledgeScript =
[
    "What is the first-line treatment for community-acquired pneumonia?",
    "What is the metformin dose in kidney disease?",
    "chronic, stage 3b",
    "what about in CKD stage 4?",
    .. File.ReadLines(demoQueries).Take(6).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!),
];

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOICEASSIST_HOST", Path.Combine(root, "src", "VoiceAssist.Host"));
await using var factory = new DemoKnowledgeFactory();
using var client = factory.CreateClient();
Console.WriteLine($"{Environment.ProcessorCount} cores; host in process (TestServer), PostgreSQL and Redis from the machine's binaries; {turns} turns per kind after warm-up");
await WaitForDemoKnowledgeBase(client);

await Run(client, calculatorScript, 40);
await Run(client, knowledgeScript, 40);
var calculatorTurns = await Run(client, calculatorScript, turns);
var knowledgeTurns = await Run(client, knowledgeScript, turns);
Report("Calculator turns", calculatorTurns.Timings);
Console.WriteLine($"  with a calculator result: {calculatorTurns.Calculated} of {turns}");
Report("Knowledge turns (demo knowledge base, AnswerQuestion over hybrid search)", knowledgeTurns.Timings);
Console.WriteLine($"  answered with citations: {knowledgeTurns.Cited} of {turns}; clarifying questions: {knowledgeTurns.Clarified}");

static async Task WaitForDemoKnowledgeBase(HttpClient client)
{
    var clock = Stopwatch.StartNew();
    JsonElement status;
    do
    {
        await Task.Delay(2000);
        status = await client.GetFromJsonAsync<JsonElement>("/api/knowledge/status");
    }
    while ((status.GetProperty("documents").GetInt32() < 500 || status.GetProperty("passagesWithVectors").GetInt64() < status.GetProperty("passages").GetInt64())
        && clock.Elapsed < TimeSpan.FromMinutes(15));

    Console.WriteLine($"demo knowledge base: {status.GetProperty("documents").GetInt32()} documents, {status.GetProperty("passages").GetInt64()} passages, {status.GetProperty("passagesWithVectors").GetInt64()} with vectors after {clock.Elapsed.TotalSeconds:0} s");
}

static async Task<(List<double> Timings, int Calculated, int Cited, int Clarified)> Run(HttpClient client, string[] script, int count)
{
    var (calculated, cited, clarified) = (0, 0, 0);
    var timings = new List<double>(count);
    string? conversation = null;
    for (var i = 0; i < count; i++)
    {
        if (i % script.Length == 0)
        {
            var started = await client.PostAsync("/api/conversations", null);
            conversation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        }

        var clock = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync($"/api/conversations/{conversation}/turns", new { text = script[i % script.Length] });
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        response.EnsureSuccessStatusCode();
        timings.Add(clock.Elapsed.TotalMilliseconds);
        var turn = JsonDocument.Parse(body).RootElement;
        calculated += turn.GetProperty("calculator").ValueKind == JsonValueKind.Object ? 1 : 0;
        cited += turn.GetProperty("citations").GetArrayLength() > 0 ? 1 : 0;
        clarified += turn.GetProperty("clarifyingQuestion").ValueKind == JsonValueKind.String ? 1 : 0;
    }

    return (timings, calculated, cited, clarified);
}

static string? FindUpwards(string start, string relative)
{
    for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
    {
        var candidate = Path.Combine(folder.FullName, relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}

static void Report(string name, List<double> timings)
{
    timings.Sort();
    double At(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={timings.Count} p50={At(0.50):0.0} ms p95={At(0.95):0.0} ms p99={At(0.99):0.0} ms max={timings[^1]:0.0} ms"));
}

static int Option(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The host as deployed for a demonstration: the demo knowledge base loads on first start.</summary>
internal sealed class DemoKnowledgeFactory : VoiceAssistFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:DemoData:Enabled"] = "true",
        ["Serilog:MinimumLevel"] = "Warning",
    };
}
