using System.Text.Json.Nodes;
using VoiceAssist.Voice.Tests.Conversations;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Voice.Tests.ToolCalling;

/// <summary>The conversation engine with a language model configured, against a fake Chat Completions endpoint on
/// loopback: the exact request the client sends, and a function call carried through to the turn's response.</summary>
public sealed class ToolCallingContractTests(LlmConversationFixture fixture) : IClassFixture<LlmConversationFixture>
{
    private const string Question = "CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes";

    private static readonly object ChadsVascInputs = new { calculator_id = "cha2ds2-vasc", inputs = new { age = "72", sex = "female", hypertension = "yes", diabetes = "yes" } };

    [Fact]
    public async Task The_request_names_the_model_and_carries_the_system_and_user_messages_and_the_four_function_schemas()
    {
        fixture.Model.Reset(FakeChatCompletions.Final("Which calculator do you need?"));
        var chat = await Chat.Start(fixture.Client);

        await chat.Say(Question);

        var request = fixture.Model.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1/chat/completions");
        request.Authorization.Should().Be("Bearer test-key");
        request.Body.Select(p => p.Key).Should().BeEquivalentTo("model", "messages", "tools", "tool_choice", "temperature", "max_completion_tokens");
        request.Body["model"]!.GetValue<string>().Should().Be("test-model");
        request.Body["tool_choice"]!.GetValue<string>().Should().Be("auto");
        request.Body["temperature"]!.GetValue<double>().Should().Be(0);
        request.Body["max_completion_tokens"]!.GetValue<int>().Should().Be(800, "Voice:Llm:MaxOutputTokens defaults to 800");
        request.Roles.Should().Equal("system", "user");
        RecordedRequest.Text(request.Messages[0]!).Should().Contain("run_calculator").And.Contain("answer_question");
        request.Messages[1]!["content"]!.GetValue<string>().Should().Be(Question);

        var tools = request.Body["tools"]!.AsArray();
        tools.Select(t => t!["type"]!.GetValue<string>()).Should().AllBe("function");
        tools.Select(t => t!["function"]!["name"]!.GetValue<string>()).Should().Equal("list_calculators", "run_calculator", "answer_question", "search_knowledge");
        var runCalculator = tools[1]!["function"]!["parameters"]!;
        JsonNode.DeepEquals(runCalculator, JsonNode.Parse("""
            {
              "type": "object",
              "required": ["calculator_id", "inputs"],
              "properties": {
                "calculator_id": { "type": "string", "description": "The calculator id, e.g. \"cha2ds2-vasc\"." },
                "inputs": { "type": "object", "description": "Input name to value, with the unit when one was given.", "additionalProperties": { "type": "string" } }
              },
              "additionalProperties": false
            }
            """)).Should().BeTrue(runCalculator.ToJsonString());
        tools[2]!["function"]!["parameters"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("question");
        tools[3]!["function"]!["parameters"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("query");
    }

    [Fact]
    public async Task A_run_calculator_call_is_answered_with_a_tool_message_and_the_result_and_citation_come_back_in_the_turn()
    {
        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_chads", "run_calculator", ChadsVascInputs),
            FakeChatCompletions.Final("The CHA2DS2-VASc score is 4 points, high risk: anticoagulation is recommended."));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Question);

        turn.Reply.Should().Be("The CHA2DS2-VASc score is 4 points, high risk: anticoagulation is recommended.");
        turn.ClarifyingQuestion.Should().BeNull();
        turn.Intent.Should().Be("calculator");
        turn.CalculatorId.Should().Be("cha2ds2-vasc");
        turn.Value.Should().Be(4);
        turn.Slot("age").Should().Be("72");
        turn.Slot("sex").Should().Be("female");
        turn.Calculator!.Value.GetProperty("category").GetString().Should().Be("High");
        turn.Calculator!.Value.GetProperty("breakdown").GetArrayLength().Should().Be(7);
        turn.Calculator!.Value.GetProperty("sources")[0].GetProperty("citation").GetString().Should().StartWith("Lip GY");

        var second = fixture.Model.Requests.Should().HaveCount(2).And.Subject.Last();
        second.Roles.Should().Equal("system", "user", "assistant", "tool");
        var call = second.Messages[2]!["tool_calls"]!.AsArray().Should().ContainSingle().Subject!;
        call["id"]!.GetValue<string>().Should().Be("call_chads");
        call["function"]!["name"]!.GetValue<string>().Should().Be("run_calculator");
        JsonNode.DeepEquals(JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>()), JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ChadsVascInputs))).Should().BeTrue();
        second.Messages[3]!["tool_call_id"]!.GetValue<string>().Should().Be("call_chads");
        var result = JsonNode.Parse(RecordedRequest.Text(second.Messages[3]!))!;
        result["value"]!.GetValue<double>().Should().Be(4);
        result["category"]!.GetValue<string>().Should().Be("High");
    }

    [Fact]
    public async Task An_unknown_calculator_id_goes_back_to_the_model_as_an_error_it_can_recover_from()
    {
        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_bad", "run_calculator", new { calculator_id = "chads-9000", inputs = new { age = "72" } }),
            FakeChatCompletions.ToolCall("call_good", "run_calculator", ChadsVascInputs),
            FakeChatCompletions.Final("4 points."));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Question);

        turn.Value.Should().Be(4);
        var error = JsonNode.Parse(RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!))!;
        error["error"]!.GetValue<string>().Should().Contain("chads-9000").And.Contain("list_calculators");
    }

    [Fact]
    public async Task List_calculators_returns_the_ids_and_input_names_the_model_needs_for_run_calculator()
    {
        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_list", "list_calculators", new { query = "grace" }),
            FakeChatCompletions.Final("Which GRACE score: in-hospital or 6 months after discharge?"));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say("which GRACE scores do you have?");

        turn.Intent.Should().Be("conversation");
        turn.Calculator.Should().BeNull();
        var listed = JsonNode.Parse(RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!))!.AsArray();
        listed.Select(c => c!["id"]!.GetValue<string>()).Should().Equal("grace", "grace-6-month");
        var pci = listed[1]!["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "inHospitalPci")!;
        pci["kind"]!.GetValue<string>().Should().Be("boolean");
        pci["required"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task When_the_model_cannot_be_reached_the_offline_engine_answers_the_turn()
    {
        fixture.Model.Reset(FakeChatCompletions.Failure(503), FakeChatCompletions.Failure(503));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Question);

        fixture.Model.Requests.Should().NotBeEmpty();
        turn.CalculatorId.Should().Be("cha2ds2-vasc");
        turn.Value.Should().Be(4);
        turn.Reply.Should().Contain("4 points");
    }
}
