using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>A conversation held through the real host's HTTP API, one turn at a time.</summary>
internal sealed class Chat
{
    private readonly HttpClient client;

    private Chat(HttpClient client, string id)
    {
        this.client = client;
        Id = id;
    }

    public string Id { get; }

    public static async Task<Chat> Start(HttpClient client)
    {
        var started = await client.PostAsync("/api/conversations", null);
        started.StatusCode.Should().Be(HttpStatusCode.Created);
        return new Chat(client, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    public async Task<Turn> Say(string text)
    {
        var response = await client.PostAsJsonAsync($"/api/conversations/{Id}/turns", new { text });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return new Turn(await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

/// <summary>One reply, read the way a client would.</summary>
internal sealed record Turn(JsonElement Json)
{
    public string Reply => Json.GetProperty("reply").GetString()!;

    public string? ClarifyingQuestion => Json.GetProperty("clarifyingQuestion").GetString();

    public string Intent => Understood.GetProperty("intent").GetString()!;

    public JsonElement Understood => Json.GetProperty("understood");

    public string? Slot(string name) => Understood.GetProperty("slots").TryGetProperty(name, out var value) ? value.GetString() : null;

    public string? Question => Understood.GetProperty("question").GetString();

    public JsonElement? Calculator => Json.GetProperty("calculator") is { ValueKind: JsonValueKind.Object } calculator ? calculator : null;

    public string? CalculatorId => Calculator?.GetProperty("id").GetString();

    public double? Value => Calculator?.GetProperty("value").GetDouble();

    public int Citations => Json.GetProperty("citations").GetArrayLength();

    public override string ToString() => Json.ToString();
}
