using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>A second host on the same database that signs every request in as another clinician.</summary>
public sealed class TwoClinicians : VoiceAssistFactory
{
    public TwoClinicians()
    {
        Colleague = new ColleagueHost(DatabaseConnectionString, RedisConnectionString);
    }

    public VoiceAssistFactory Colleague { get; }

    public override async ValueTask DisposeAsync()
    {
        await Colleague.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class ColleagueHost(string database, string redis) : VoiceAssistFactory(database, redis)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Identity:DevelopmentUser:Id"] = "colleague",
            ["Database:MigrateOnStartup"] = "false",
        };
    }
}

/// <summary>Conversations are stored, listed and read back only by the clinician who holds them.</summary>
public sealed class ConversationAccessTests(TwoClinicians hosts) : IClassFixture<TwoClinicians>
{
    private readonly HttpClient client = hosts.CreateClient();

    [Fact]
    public async Task A_conversation_is_read_back_with_each_turn_and_what_was_understood()
    {
        var chat = await Chat.Start(client);
        await chat.Say("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");
        await chat.Say("and if she also had a prior stroke?");

        var conversation = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{chat.Id}");

        var turns = conversation.GetProperty("turns");
        turns.GetArrayLength().Should().Be(2);
        turns[0].GetProperty("sequence").GetInt32().Should().Be(1);
        turns[0].GetProperty("text").GetString().Should().Be("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");
        turns[0].GetProperty("calculator").GetProperty("value").GetDouble().Should().Be(4);
        turns[1].GetProperty("understood").GetProperty("slots").GetProperty("strokeTia").GetString().Should().Be("true");
        turns[1].GetProperty("calculator").GetProperty("value").GetDouble().Should().Be(6);
    }

    [Fact]
    public async Task The_list_shows_the_callers_conversations_with_their_turn_counts()
    {
        var chat = await Chat.Start(client);
        await chat.Say("hello");
        await chat.Say("thanks");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/conversations");

        var listed = list.EnumerateArray().Single(c => c.GetProperty("id").GetString() == chat.Id);
        listed.GetProperty("turns").GetInt32().Should().Be(2);
        listed.GetProperty("lastTurnAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task Another_clinicians_conversation_is_not_found_listed_or_continued()
    {
        var chat = await Chat.Start(client);
        await chat.Say("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");
        var colleague = hosts.Colleague.CreateClient();

        (await colleague.GetAsync($"/api/conversations/{chat.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await colleague.PostAsJsonAsync($"/api/conversations/{chat.Id}/turns", new { text = "and if she also had a prior stroke?" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var theirs = await colleague.GetFromJsonAsync<JsonElement>("/api/conversations");
        theirs.EnumerateArray().Should().NotContain(c => c.GetProperty("id").GetString() == chat.Id);

        var mine = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{chat.Id}");
        mine.GetProperty("turns").GetArrayLength().Should().Be(1, "the colleague's attempt added nothing");
    }

    [Fact]
    public async Task An_empty_turn_is_rejected_with_a_field_error()
    {
        var chat = await Chat.Start(client);

        var response = await client.PostAsJsonAsync($"/api/conversations/{chat.Id}/turns", new { text = "  " });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Should().Contain(e => e.Name.Equals("text", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_turn_in_an_unknown_conversation_is_not_found()
    {
        var response = await client.PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/turns", new { text = "hello" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
