using System.Text.Json.Nodes;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Fakes;
using VoiceAssist.Voice.Tests.Conversations;

namespace VoiceAssist.Voice.Tests.ToolCalling;

/// <summary>In the language-model mode the knowledge functions run as the conversation's owner: the model's
/// <c>answer_question</c> call finds the clinician's own patient document, and a colleague's call does not.</summary>
public sealed class PatientDocumentToolCallingTests(LlmConversationFixture fixture) : IClassFixture<LlmConversationFixture>
{
    [Fact]
    public async Task The_answer_question_function_answers_from_the_owners_patient_document_only()
    {
        var owner = await fixture.Host.CreateSignedInUser(Roles.Clinician);
        var colleague = await fixture.Host.CreateSignedInUser(Roles.Clinician);
        var id = await PatientDocumentDialogueTests.UploadLetter(owner.Client);

        var ownerTurn = await Eventually.Until(
            async () =>
            {
                fixture.Model.Reset(
                    FakeChatCompletions.ToolCall("call_letter", "answer_question", new { question = PatientDocumentDialogueTests.Question }),
                    FakeChatCompletions.Final("Her potassium was 4.1 mmol/L at discharge [1]."));
                return await (await Chat.Start(owner.Client)).Say(PatientDocumentDialogueTests.Question);
            },
            t => t.Citations > 0,
            TimeSpan.FromSeconds(30),
            "the letter searchable");
        ownerTurn.Json.GetProperty("citations")[0].GetProperty("title").GetString().Should().Be("Wrenfield discharge letter");
        var ownerResult = JsonNode.Parse(RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!))!;
        ownerResult["found"]!.GetValue<bool>().Should().BeTrue();
        ownerResult["answer"]!.GetValue<string>().Should().Contain("4.1 mmol/L");

        fixture.Model.Reset(
            FakeChatCompletions.ToolCall("call_letter", "answer_question", new { question = PatientDocumentDialogueTests.Question }),
            FakeChatCompletions.Final("The knowledge base has nothing on that."));
        var colleagueTurn = await (await Chat.Start(colleague.Client)).Say(PatientDocumentDialogueTests.Question);

        colleagueTurn.Citations.Should().Be(0);
        var colleagueResult = RecordedRequest.Text(fixture.Model.Requests[1].Messages.Last()!);
        colleagueResult.Should().NotContainAny("Wrenfield", "77340125", "4.1 mmol/L", id.ToString());
        JsonNode.Parse(colleagueResult)!["found"]!.GetValue<bool>().Should().BeFalse();
    }
}
