using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>Turns of one conversation sent at the same moment (two devices, a retry while the first is still being
/// answered): each is answered and recorded once, in one order, with no lock held while the answers are worked out.</summary>
public sealed class ConcurrentTurnTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Turns_sent_at_once_to_one_conversation_are_all_answered_and_recorded_once_each_in_order()
    {
        var chat = await Chat.Start(client);
        string[] questions =
        [
            "What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes?",
            "HAS-BLED for a 70 year old with hypertension and a prior stroke",
            "chads vasc, seventy six yo M, h/o CHF",
            "What's the CHA2DS2-VASc for a 66 year old man with diabetes?",
        ];

        var turns = await Task.WhenAll(questions.Select(chat.Say));

        turns.Select(t => t.Json.GetProperty("sequence").GetInt32()).Should().BeEquivalentTo([1, 2, 3, 4]);
        turns.Should().OnlyContain(t => t.Intent == "calculator");
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{chat.Id}");
        var storedTurns = stored.GetProperty("turns").EnumerateArray().ToList();
        storedTurns.Should().HaveCount(4);
        storedTurns.Select(t => t.GetProperty("sequence").GetInt32()).Should().Equal(1, 2, 3, 4);
        storedTurns.Select(t => t.GetProperty("text").GetString()).Should().BeEquivalentTo(questions);
        foreach (var turn in turns)
        {
            var sequence = turn.Json.GetProperty("sequence").GetInt32();
            storedTurns[sequence - 1].GetProperty("reply").GetString().Should().Be(turn.Reply, "each answer is recorded under the sequence it was given");
        }
    }

    [Fact]
    public async Task A_follow_up_sent_while_the_first_turn_is_answered_is_answered_from_the_state_the_first_left()
    {
        var chat = await Chat.Start(client);
        var first = chat.Say("GRACE six month score: 72 year old, heart rate 95, systolic 110, creatinine 1.7, history of MI");
        var second = chat.Say("no");

        var both = await Task.WhenAll(first, second);

        var ordered = both.OrderBy(t => t.Json.GetProperty("sequence").GetInt32()).ToList();
        ordered.Select(t => t.Json.GetProperty("sequence").GetInt32()).Should().Equal(1, 2);
        var graceFirst = ordered[0].ClarifyingQuestion == "Did the patient have a PCI during this admission?";
        if (graceFirst)
        {
            ordered[1].CalculatorId.Should().Be("grace-6-month", "the answer to the PCI question is read against the state the GRACE question left");
            ordered[1].Value.Should().Be(73 + 14 + 18 + 9 + 12 + 14);
        }
        else
        {
            ordered[1].ClarifyingQuestion.Should().Be("Did the patient have a PCI during this admission?", "recorded second, the GRACE question still asks");
        }
    }
}
