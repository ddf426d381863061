using System.Net.Http.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>Scripted conversations for everything that is not a calculation: small talk, connected systems that are
/// not connected yet, the knowledge base before it exists, and requests outside VoiceAssist's remit.</summary>
public sealed class RoutingDialogueTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_greeting_is_answered_with_what_VoiceAssist_can_do()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("Good morning!");

        turn.Intent.Should().Be("greeting");
        turn.Reply.Should().StartWith("Hello.").And.Contain("calculators");
    }

    [Fact]
    public async Task Asking_for_help_lists_examples()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("what can you do?");

        turn.Intent.Should().Be("help");
        turn.Reply.Should().Contain("For example");
    }

    [Fact]
    public async Task Thanks_and_goodbye_close_politely()
    {
        var chat = await Chat.Start(client);

        (await chat.Say("thank you")).Reply.Should().Be("You're welcome.");
        (await chat.Say("bye")).Intent.Should().Be("goodbye");
    }

    [Fact]
    public async Task A_greeting_in_front_of_a_request_does_not_hide_the_request()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("Hi, CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");

        turn.Value.Should().Be(4);
    }

    [Theory]
    [InlineData("Read my latest emails", "email")]
    [InlineData("Open my files from yesterday's clinic", "files")]
    public async Task Connected_systems_are_declined_honestly_until_they_are_connected(string request, string intent)
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say(request);

        turn.Intent.Should().Be(intent);
        turn.Reply.Should().StartWith($"I can't reach your {intent} yet");
    }

    [Theory]
    [InlineData("Book me a flight to Paris")]
    [InlineData("Tell me a joke")]
    [InlineData("What's the weather like?")]
    public async Task Requests_outside_clinical_work_are_declined(string request)
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say(request);

        turn.Intent.Should().Be("out-of-scope");
        turn.Reply.Should().StartWith("I can't help with that.");
    }

    [Fact]
    public async Task A_knowledge_question_the_knowledge_base_does_not_cover_is_answered_plainly_without_invented_content()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What is the first-line treatment for community-acquired pneumonia?");

        turn.Intent.Should().Be("knowledge");
        turn.Reply.Should().Be("I found nothing in the knowledge base that answers that.");
        turn.Citations.Should().Be(0);
    }

    [Fact]
    public async Task A_knowledge_question_is_answered_from_an_ingested_guideline_with_its_citation()
    {
        var ingested = await client.PostAsJsonAsync("/api/knowledge/documents", new
        {
            title = "Management of hyperkalaemia in adults",
            publisher = "Renal Association",
            text = "Calcium gluconate should be given intravenously to patients with hyperkalaemia and ECG changes to stabilise the myocardium. "
                + "Insulin with glucose lowers serum potassium by shifting it into cells within thirty minutes.",
        });
        ingested.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        await VoiceAssist.Testing.Eventually.Until(
            async () => await (await client.PostAsJsonAsync("/api/knowledge/search", new { query = "calcium gluconate hyperkalaemia" })).Content.ReadAsStringAsync(),
            body => body.Contains("Calcium gluconate", StringComparison.Ordinal),
            because: "the guideline becomes searchable");
        var chat = await Chat.Start(client);

        var turn = await chat.Say("Should calcium gluconate be given for hyperkalaemia with ECG changes?");

        turn.Intent.Should().Be("knowledge");
        turn.Reply.Should().Contain("Calcium gluconate");
        turn.Citations.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_dose_question_that_names_eGFR_goes_to_the_knowledge_base_not_the_calculator()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What is the metformin dose when the eGFR is 25?");

        turn.Intent.Should().Be("knowledge");
        turn.Calculator.Should().BeNull();
    }
}
