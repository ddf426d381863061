using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>A differential diagnosis asked for with no language model configured: the engine says plainly that it
/// needs one and offers the calculators that fit the presentation, which can then be started by name.</summary>
public sealed class DifferentialDialogueTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private const string Presentation = "Differential for a 60-year-old with pleuritic chest pain, fever and a swollen calf";

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Without_a_model_it_says_a_differential_needs_one_and_offers_the_calculators_that_fit()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say(Presentation);

        turn.Intent.Should().Be("differential");
        turn.Reply.Should().StartWith("A differential diagnosis needs a language model, and none is configured.");
        turn.Reply.Should().Contain("Wells").And.Contain("PERC");
        var differential = turn.Json.GetProperty("differential");
        differential.GetProperty("status").GetString().Should().Be("needs-model");
        differential.GetProperty("items").GetArrayLength().Should().Be(0);
        var offered = differential.GetProperty("calculators").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        offered.Should().StartWith(["wells-pe", "perc"], "pleuritic pain and a swollen calf match the pulmonary embolism phrases most").And.Contain("wells-dvt");
        offered.Count.Should().BeLessThanOrEqualTo(4);
        turn.Citations.Should().Be(0);
    }

    [Fact]
    public async Task An_offered_calculator_is_started_by_naming_it_with_the_presentations_details()
    {
        var chat = await Chat.Start(client);
        await chat.Say(Presentation);

        var turn = await chat.Say("PERC");

        turn.Understood.GetProperty("calculatorId").GetString().Should().Be("perc");
        turn.Slot("age").Should().Be("60");
    }

    [Fact]
    public async Task A_presentation_that_fits_no_calculator_still_gets_the_plain_answer()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What's the differential for itchy eyes?");

        turn.Intent.Should().Be("differential");
        turn.Reply.Should().Be("A differential diagnosis needs a language model, and none is configured. I can run a calculator if you name one.");
        turn.Json.GetProperty("differential").GetProperty("calculators").GetArrayLength().Should().Be(0);
    }
}
