// Text-turn latency of the conversation engine through the real host (HTTP pipeline, mediator, PostgreSQL), on this machine.
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

string[] knowledgeScript =
[
    "What is the first-line treatment for community-acquired pneumonia?",
    "What is the metformin dose in kidney disease?",
    "chronic, stage 3b",
    "what about in CKD stage 4?",
    "Which medicines reduce mortality in heart failure?",
    "preserved",
];

// WebApplicationFactory finds the host's content root through this variable outside a test project.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "VoiceAssist.sln")))
{
    repository = repository.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOICEASSIST_HOST", Path.Combine(repository?.FullName ?? ".", "src", "VoiceAssist.Host"));
await using var factory = new VoiceAssistFactory();
using var client = factory.CreateClient();
Console.WriteLine($"{Environment.ProcessorCount} cores; host in process (TestServer), PostgreSQL and Redis from the machine's binaries; {turns} turns per kind after warm-up");

await Run(client, calculatorScript, 40);
await Run(client, knowledgeScript, 40);
Report("Calculator turns", await Run(client, calculatorScript, turns));
Report("Knowledge turns (knowledge base not yet available on this branch: routing, clarification and persistence only)", await Run(client, knowledgeScript, turns));

static async Task<List<double>> Run(HttpClient client, string[] script, int count)
{
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
        await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        response.EnsureSuccessStatusCode();
        timings.Add(clock.Elapsed.TotalMilliseconds);
    }

    return timings;
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
