using System.Text.Json.Nodes;
using VoiceAssist.Voice.Tests.Conversations;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Voice.Tests.ToolCalling;

/// <summary>Multi-turn conversations through the host with the language model configured: the clarifying behaviour
/// stays the engine's own (missing calculator inputs, ambiguous clinical terms), the model sees the conversation so
/// far, and follow-ups recompute through the calculator.</summary>
public sealed class ToolCallingDialogueTests(LlmConversationFixture fixture) : IClassFixture<LlmConversationFixture>
{
    [Fact]
    public async Task A_missing_age_is_asked_for_without_the_model_and_the_answer_and_a_follow_up_recompute()
    {
        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_1", "run_calculator", new { calculator_id = "cha2ds2-vasc", inputs = new { sex = "female", hypertension = "yes", diabetes = "yes" } }),
            FakeChatCompletions.ToolCall("call_2", "run_calculator", new { calculator_id = "cha2ds2-vasc", inputs = new { age = "72", sex = "female", hypertension = "yes", diabetes = "yes" } }),
            FakeChatCompletions.Final("CHA2DS2-VASc is 4 points (high)."),
            FakeChatCompletions.ToolCall("call_3", "run_calculator", new { calculator_id = "cha2ds2-vasc", inputs = new { age = "72", sex = "female", hypertension = "yes", diabetes = "yes", strokeTia = "yes" } }),
            FakeChatCompletions.Final("With a prior stroke it is 6 points (high)."));
        var chat = await Chat.Start(fixture.Client);

        var first = await chat.Say("CHA2DS2-VASc for a woman with hypertension and diabetes");

        first.ClarifyingQuestion.Should().Be("How old is the patient?");
        first.Reply.Should().Be("For the CHA₂DS₂-VASc score I still need the age. How old is the patient?");
        first.Intent.Should().Be("calculator");
        first.Slot("sex").Should().Be("female");
        first.Calculator.Should().BeNull();
        fixture.Model.Requests.Should().HaveCount(1, "the question for a missing input comes from the catalog, not from a second model call");

        var second = await chat.Say("72");

        second.ClarifyingQuestion.Should().BeNull();
        second.Value.Should().Be(4);
        second.Reply.Should().Be("CHA2DS2-VASc is 4 points (high).");
        var secondRequest = fixture.Model.Requests[1];
        secondRequest.Roles.Should().Equal("system", "user", "assistant", "user");
        RecordedRequest.Text(secondRequest.Messages[2]!).Should().Be(first.Reply);
        RecordedRequest.Text(secondRequest.Messages[3]!).Should().Be("72");

        var third = await chat.Say("and if she also had a prior stroke?");

        third.Value.Should().Be(6);
        third.Slot("strokeTia").Should().Be("yes");
        third.Reply.Should().Be("With a prior stroke it is 6 points (high).");
        fixture.Model.Requests[3].Roles.Should().Equal("system", "user", "assistant", "user", "assistant", "user");
    }

    [Fact]
    public async Task An_impossible_value_is_asked_again_with_the_accepted_range()
    {
        fixture.Model.Reset(FakeChatCompletions.ToolCall("call_1", "run_calculator", new { calculator_id = "cha2ds2-vasc", inputs = new { age = "720", sex = "female" } }));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say("CHA2DS2-VASc for a 720 year old woman");

        turn.ClarifyingQuestion.Should().Be("How old is the patient?");
        turn.Reply.Should().Contain("130").And.EndWith("How old is the patient?");
        turn.Calculator.Should().BeNull();
    }

    [Fact]
    public async Task An_ambiguous_term_is_clarified_from_the_lexicon_before_the_model_is_asked()
    {
        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_kb", "answer_question", new { question = "What is the first-line treatment for type 2 diabetes?" }),
            FakeChatCompletions.Final("The knowledge base has nothing on that yet."));
        var chat = await Chat.Start(fixture.Client);

        var first = await chat.Say("What is the first-line treatment for diabetes?");

        first.ClarifyingQuestion.Should().Be("Which diabetes do you mean: type 1, type 2, or gestational?");
        first.Intent.Should().Be("knowledge");
        fixture.Model.Requests.Should().BeEmpty();

        var second = await chat.Say("type 2");

        var request = fixture.Model.Requests.Should().HaveCount(2).And.Subject.First();
        RecordedRequest.Text(request.Messages.Last()!).Should().Be("What is the first-line treatment for type 2 diabetes?");
        second.Intent.Should().Be("knowledge");
        second.Question.Should().Be("What is the first-line treatment for type 2 diabetes?");
        second.ClarifyingQuestion.Should().BeNull();
        var toolResult = JsonNode.Parse(RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!))!;
        toolResult["found"]!.GetValue<bool>().Should().BeFalse();
        second.Reply.Should().Be("The knowledge base has nothing on that yet.");
    }

    [Fact]
    public async Task An_answer_question_call_brings_the_knowledge_base_citations_into_the_turn()
    {
        const string Title = "Community-acquired pneumonia in adults: outpatient treatment";
        var document = new JsonObject
        {
            ["id"] = "cap-outpatient",
            ["title"] = Title,
            ["text"] = "Amoxicillin is the first-line treatment for community-acquired pneumonia in adult outpatients without comorbidities. Doxycycline or a macrolide are alternatives when amoxicillin cannot be used.",
        };
        using (var body = new StringContent(document.ToJsonString() + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"))
        {
            (await fixture.Client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body)).EnsureSuccessStatusCode();
        }

        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_kb", "answer_question", new { question = "What is the first-line treatment for community-acquired pneumonia?" }),
            FakeChatCompletions.Final("Amoxicillin is first line for outpatients without comorbidities [1]."));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say("What's first line for community-acquired pneumonia?");

        turn.Intent.Should().Be("knowledge");
        turn.Question.Should().Be("What is the first-line treatment for community-acquired pneumonia?");
        turn.Reply.Should().Be("Amoxicillin is first line for outpatients without comorbidities [1].");
        turn.Citations.Should().BeGreaterThan(0);
        turn.Json.GetProperty("citations")[0].GetProperty("title").GetString().Should().Be(Title);
        turn.Json.GetProperty("citations")[0].GetProperty("passage").GetString().Should().Contain("Amoxicillin is the first-line treatment");
        var toolResult = JsonNode.Parse(RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!))!;
        toolResult["found"]!.GetValue<bool>().Should().BeTrue();
        toolResult["answer"]!.GetValue<string>().Should().Contain("Amoxicillin").And.Contain("[1]");
    }

    [Fact]
    public async Task Calendar_requests_are_answered_by_the_calendar_without_the_model()
    {
        fixture.Model.Reset();
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say("what's on my calendar tomorrow?");

        turn.Intent.Should().Be("calendar");
        turn.Reply.Should().Contain("You haven't linked a calendar yet");
        fixture.Model.Requests.Should().BeEmpty();
    }
}
