// Server time of the administration console's pages (every page, and the users, knowledge base and audit lists under
// their searches, filters and paging) over a realistic volume: 10,000 accounts, 50,000 documents and
// 1,000,000 audit entries seeded straight into a PostgreSQL this benchmark starts (default durability), the host in
// process, every request made as a signed-in administrator.
//   dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Console [-- --requests 200 --users 10000 --documents 50000 --audit 1000000]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceAssist.Benchmarks.Console;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;

var requests = Option("--requests", 200);
var users = Option("--users", 10_000);
var documents = Option("--documents", 50_000);
var auditEntries = Option("--audit", 1_000_000);

// WebApplicationFactory finds the host's content root through this variable outside a test project.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "VoiceAssist.sln")))
{
    repository = repository.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOICEASSIST_HOST", Path.Combine(repository?.FullName ?? ".", "src", "VoiceAssist.Host"));
using var postgres = new LocalPostgres(durable: true);
using var redis = new LocalRedis();
await using var factory = new ConsoleBenchmarkFactory(postgres.CreateDatabase(), redis.ConnectionString());
var data = new ConsoleData(factory.DatabaseConnectionString);
Console.WriteLine($"{Environment.ProcessorCount} cores; host in process (TestServer: server time without a network), PostgreSQL (fsync on) and Redis from the machine's binaries");

var admin = await factory.CreateSignedInUser(Roles.Admin);
var template = await UploadDocument(admin.Client);
// Cloned once processed, so the copies are finished documents and no background ingestion runs while pages are timed.
await Eventually.Until(
    async () => (await admin.Client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{template}")).GetProperty("status").GetString(),
    status => status == "ready", TimeSpan.FromMinutes(5), "the template document is processed");
var usersTime = await data.SeedUsers(admin.Id, users);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {users:N0} accounts in {usersTime.TotalSeconds:0.0} s"));
var documentsTime = await data.SeedDocuments(template, documents);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {documents:N0} documents in {documentsTime.TotalSeconds:0.0} s"));
var auditTime = await data.SeedAuditEntries(auditEntries);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {auditEntries:N0} audit entries (through the chaining trigger) in {auditTime.TotalSeconds:0.0} s"));
var (accountRows, documentRows, auditRows) = (await data.Scalar("SELECT count(*) FROM identity.users"), await data.Scalar("SELECT count(*) FROM knowledge.documents"),
    await data.Scalar("SELECT count(*) FROM compliance.audit_entries"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tables: {accountRows:N0} accounts, {documentRows:N0} documents, {auditRows:N0} audit entries"));

var middle = (await data.Lines("SELECT occurred_at::text || '|' || id FROM compliance.audit_entries ORDER BY occurred_at DESC, id DESC OFFSET " + auditEntries / 2 + " LIMIT 1")).Single().Split('|');
var deepCursor = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Parse(middle[0], CultureInfo.InvariantCulture).UtcTicks}-{middle[1]}");
var someActor = (await data.Lines("SELECT actor_id FROM compliance.audit_entries WHERE chain_sequence = " + (auditEntries / 8))).Single();
var someCorrelation = (await data.Lines("SELECT correlation_id FROM compliance.audit_entries WHERE chain_sequence = " + (auditEntries * 2 / 3))).Single();
var from = DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
var to = DateTimeOffset.UtcNow.AddDays(-20).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
var range = $"from={from}Z&to={to}Z";

var targets = new List<(string Name, string Path)>();
var pages = ConsolePages.Discover(factory);
targets.AddRange(pages.Select(path => ($"page {path}", path)));
targets.AddRange(ConsolePages.AuditVariants(pages, deepCursor, someActor, someCorrelation, from, to, auditEntries * 2 / 3));
targets.AddRange(
[
    ("api audit search, newest 50", "/api/compliance/audit?pageSize=50"),
    ("api audit search, middle page (keyset)", $"/api/compliance/audit?pageSize=50&after={deepCursor}"),
    ("api audit search, action", "/api/compliance/audit?pageSize=50&action=identity.user.role_changed"),
    ("api audit search, action prefix", "/api/compliance/audit?pageSize=50&action=identity.*"),
    ("api audit search, actor", $"/api/compliance/audit?pageSize=50&actorId={someActor}"),
    ("api audit search, outcome", "/api/compliance/audit?pageSize=50&outcome=forbidden"),
    ("api audit search, correlation id", $"/api/compliance/audit?pageSize=50&correlationId={someCorrelation}"),
    ("api audit search, 10 days", $"/api/compliance/audit?pageSize=50&{range}"),
    ("api audit entry", $"/api/compliance/audit/{auditEntries * 2 / 3}"),
]);

var browser = await ConsolePages.SignIn(factory, await factory.CreateBrowserAccount(Roles.Admin, "Bench Admin"));
targets.InsertRange(pages.Count, ConsolePages.ListVariants(pages, pages.Contains("/admin/knowledge") ? await ConsolePages.NextPageLink(browser, "/admin/knowledge") : null));
Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"{"target",-58} {"n",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
foreach (var (name, path) in targets)
{
    var client = path.StartsWith("/api/", StringComparison.Ordinal) ? admin.Client : browser;
    var times = new List<double>(requests);
    for (var i = 0; i < requests + 5; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}: {await response.Content.ReadAsStringAsync()}");
        }

        if (i >= 5)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-58} {times.Count,5} {Percentile(times, 0.50),8:0.0} {Percentile(times, 0.95),8:0.0} {times[^1],8:0.0}"));
}

Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
var verification = await admin.Client.GetFromJsonAsync<JsonElement>("/api/compliance/audit/verify");
Console.WriteLine($"chain verification over the seeded trail: {verification}");

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task<Guid> UploadDocument(HttpClient client)
{
    using var form = new MultipartFormDataContent();
    form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("# Hand hygiene\n\nClean hands before and after each patient contact.\n")), "file", "hand-hygiene.md");
    using var response = await client.PostAsync(new Uri("/api/knowledge/documents", UriKind.Relative), form);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The host as shipped for sign-in (every endpoint needs a signed-in caller), on the benchmark's own servers,
/// with no embedder: the console's pages are timed, not background embedding.</summary>
internal sealed class ConsoleBenchmarkFactory(string database, string redis) : VoiceAssistFactory(database, redis)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:RequireAuthenticatedUser"] = "true",
        ["Knowledge:Embeddings:Provider"] = "none",
    };
}
