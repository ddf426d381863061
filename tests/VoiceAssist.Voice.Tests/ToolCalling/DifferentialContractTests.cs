using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Fakes;
using VoiceAssist.Voice.Tests.Conversations;

namespace VoiceAssist.Voice.Tests.ToolCalling;

/// <summary>A differential diagnosis with a language model configured, against the fake Chat Completions endpoint: the
/// exact request (the presentation, the numbered knowledge base passages, the calculator ids, JSON asked for), and the
/// reply held to the knowledge base's citation check before the clinician sees it.</summary>
public sealed class DifferentialContractTests(LlmConversationFixture fixture) : IClassFixture<LlmConversationFixture>
{
    private const string Presentation = "Differential for a 60-year-old with pleuritic chest pain, fever and a swollen calf";
    private const string Title = "Suspected pulmonary embolism: assessment";

    [Fact]
    public async Task The_model_ranks_diagnoses_from_the_passages_and_only_cited_ones_reach_the_clinician_with_their_calculators()
    {
        await ImportGuidance();
        fixture.Model.Reset(FakeChatCompletions.Final("""
            ```json
            {"differential":[
              {"diagnosis":"Pulmonary embolism","reasoning":"Pleuritic chest pain with a swollen calf suggests a deep vein thrombosis that has embolised [1].","calculators":["wells-pe","perc","made-up-score"]},
              {"diagnosis":"Aortic dissection","reasoning":"Tearing pain radiating to the back is typical.","calculators":[]},
              {"diagnosis":"Pericarditis","reasoning":"Pleuritic pain eased by sitting forward suggests it [7].","calculators":["heart"]},
              {"diagnosis":"Pneumonia","reasoning":"Fever with pleuritic chest pain also fits pneumonia [1, 9].","calculators":["curb-65"]}
            ]}
            ```
            """));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Presentation);

        var request = fixture.Model.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/chat/completions");
        request.Body["response_format"]!["type"]!.GetValue<string>().Should().Be("json_object");
        request.Body["temperature"]!.GetValue<double>().Should().Be(0);
        request.Body.ContainsKey("tools").Should().BeFalse("a differential is one grounded request, not a tool loop");
        request.Roles.Should().Equal("system", "user");
        RecordedRequest.Text(request.Messages[0]!).Should().Contain("only the numbered passages").And.Contain("square brackets");
        var prompt = RecordedRequest.Text(request.Messages[1]!);
        prompt.Should().StartWith($"Presentation: {Presentation}");
        prompt.Should().Contain($"[1] {Title}: ").And.Contain("wells-pe: ").And.Contain("perc: ");

        turn.Intent.Should().Be("differential");
        var differential = turn.Json.GetProperty("differential");
        differential.GetProperty("status").GetString().Should().Be("ranked");
        differential.GetProperty("safetyNotice").GetString().Should().StartWith("Decision support, not a diagnosis");
        var items = differential.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("diagnosis").GetString()).Should().Equal("Pulmonary embolism", "Pneumonia");
        items.Select(i => i.GetProperty("rank").GetInt32()).Should().Equal(1, 2);
        items[0].GetProperty("reason").GetString().Should().Be("Pleuritic chest pain with a swollen calf suggests a deep vein thrombosis that has embolised [1].");
        items[0].GetProperty("calculators").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Equal("wells-pe", "perc");
        items[1].GetProperty("reason").GetString().Should().Be("Fever with pleuritic chest pain also fits pneumonia [1].", "the marker naming no passage is removed");
        items[1].GetProperty("citations").EnumerateArray().Select(c => c.GetInt32()).Should().Equal(1);
        differential.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()).Should().Equal("Aortic dissection", "Pericarditis");
        turn.Json.GetProperty("citations").EnumerateArray().Should().ContainSingle().Which.GetProperty("title").GetString().Should().Be(Title);
        turn.Reply.Should().StartWith("Differential, most likely first: 1. Pulmonary embolism:").And.Contain("2. Pneumonia").And.NotContain("Aortic");
        turn.Reply.Should().Contain("To run next: Wells");
    }

    [Fact]
    public async Task When_the_model_cannot_be_reached_it_says_so_and_offers_the_calculators()
    {
        await ImportGuidance();
        fixture.Model.Reset(FakeChatCompletions.Failure(503), FakeChatCompletions.Failure(503));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Presentation);

        fixture.Model.Requests.Should().NotBeEmpty();
        turn.Reply.Should().StartWith("The language model could not be reached, so I can't give a differential now.").And.Contain("PERC");
        turn.Json.GetProperty("differential").GetProperty("status").GetString().Should().Be("model-unavailable");
        turn.Json.GetProperty("differential").GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_differential_with_no_cited_diagnosis_is_not_offered()
    {
        await ImportGuidance();
        fixture.Model.Reset(FakeChatCompletions.Final("""{"differential":[{"diagnosis":"Pulmonary embolism","reasoning":"It is the classic picture.","calculators":["wells-pe"]}]}"""));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Presentation);

        var differential = turn.Json.GetProperty("differential");
        differential.GetProperty("status").GetString().Should().Be("not-grounded");
        differential.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()).Should().Equal("Pulmonary embolism");
        turn.Reply.Should().StartWith("No diagnosis the language model gave was supported by a cited knowledge base passage");
        turn.Citations.Should().Be(0);
    }

    [Fact]
    public async Task A_reply_that_is_not_the_json_asked_for_is_not_shown()
    {
        await ImportGuidance();
        fixture.Model.Reset(FakeChatCompletions.Final("Pulmonary embolism is the most likely diagnosis [1]."));
        var chat = await Chat.Start(fixture.Client);

        var turn = await chat.Say(Presentation);

        turn.Reply.Should().StartWith("The language model's differential could not be read").And.NotContain("most likely diagnosis");
        turn.Json.GetProperty("differential").GetProperty("status").GetString().Should().Be("model-unavailable");
    }

    private async Task ImportGuidance()
    {
        var document = new JsonObject
        {
            ["id"] = "pe-assessment",
            ["title"] = Title,
            ["text"] = "Pleuritic chest pain, breathlessness, haemoptysis or a swollen calf in a patient with fever or without it should raise suspicion of pulmonary embolism. "
                + "Assess the clinical probability with the Wells score; in patients at low probability the PERC rule can exclude pulmonary embolism without further testing.",
        };
        using (var body = new StringContent(document.ToJsonString() + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"))
        {
            (await fixture.Client.PostAsync(new Uri("/api/knowledge/documents/import", UriKind.Relative), body)).EnsureSuccessStatusCode();
        }

        await Eventually.Until(
            async () => await (await fixture.Client.PostAsJsonAsync(new Uri("/api/knowledge/search", UriKind.Relative), new { query = "pleuritic chest pain swollen calf" })).Content.ReadFromJsonAsync<JsonElement>(),
            r => r.GetProperty("passages").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30),
            "the guidance searchable");
    }
}
