using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Support;

/// <summary>The real host for Knowledge tests: keyword search only (the embedder is exercised by its own tests),
/// no demo data, a small upload limit and page limit so the limits can be tested, a short lease.</summary>
public class KnowledgeFactory : VoiceAssistFactory
{
    public KnowledgeFactory()
    {
    }

    protected KnowledgeFactory(string database, string redis)
        : base(database, redis)
    {
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
        ["Knowledge:Ingestion:MaxUploadBytes"] = "200000",
        ["Knowledge:Ingestion:MaxPdfPages"] = "5",
        ["Knowledge:Ingestion:PollInterval"] = "00:00:00.100",
        ["Knowledge:Search:RefreshInterval"] = "00:00:00.200",
    };
}

internal static class KnowledgeClient
{
    public static async Task<JsonElement> Upload(this HttpClient client, string fileName, byte[] content, IDictionary<string, string>? fields = null)
    {
        using var response = await client.UploadRaw(fileName, content, fields);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> UploadRaw(this HttpClient client, string fileName, byte[] content, IDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(new Uri("/api/knowledge/documents", UriKind.Relative), form);
    }

    public static async Task<JsonElement> Document(this HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/knowledge/documents/{id}", UriKind.Relative));

    public static Task<JsonElement> WaitUntilSearchable(this HttpClient client, Guid id) =>
        Eventually.Until(() => client.Document(id), d => d.GetProperty("status").GetString() is "ready" or "embedding" or "failed", TimeSpan.FromSeconds(60), "document processed");

    public static async Task<JsonElement> Search(this HttpClient client, string query, object? filters = null, int topK = 10)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/search", UriKind.Relative), new { query, filters, topK });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> Import(this HttpClient client, string jsonLines)
    {
        using var body = new StringContent(jsonLines, System.Text.Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static IEnumerable<JsonElement> Passages(this JsonElement results) => results.GetProperty("passages").EnumerateArray();
}
