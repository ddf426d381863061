using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceAssist.Knowledge.Answers;
using VoiceAssist.Knowledge.Answers.Generative;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Testing.Fakes;

namespace VoiceAssist.Knowledge.Tests.Answers.Generative;

/// <summary>Generative answers through the host with the model faked on loopback: what the citation check keeps,
/// drops and flags, and the extractive fallback whenever the model cannot give a cited answer. Passages are PubMedQA
/// abstracts as published (Jin et al., EMNLP 2019).</summary>
public sealed partial class GenerativeAnswerTests(GenerativeAnswerFixture fixture) : IClassFixture<GenerativeAnswerFixture>, IAsyncLifetime
{
    // Hoffman et al., patient and carer satisfaction in the National Infarct Angioplasty Project (PMID 20629769).
    private const string Angioplasty = "Was satisfaction with speed of treatment higher with primary angioplasty than thrombolysis?";

    public Task InitializeAsync() => fixture.ImportAbstracts("20629769", "26163474", "18041059");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_citation_number_that_names_no_passage_is_removed_and_a_sentence_citing_only_it_is_dropped()
    {
        fixture.Model.Reset(FakeChatCompletions.Final(
            "Satisfaction with overall care was high at both angioplasty and thrombolysis sites [1][4]. Primary angioplasty halved mortality [7]."));

        var answer = await fixture.Ask(Angioplasty);

        SentPassages().Keys.Should().NotContain([4, 7]);
        answer.GetProperty("mode").GetString().Should().Be("generative");
        answer.GetProperty("text").GetString().Should().Be("Satisfaction with overall care was high at both angioplasty and thrombolysis sites. [1]");
        answer.GetProperty("citations").GetArrayLength().Should().Be(1);
        var flags = Flags(answer);
        flags.Should().HaveCount(2);
        flags[0].Should().Be((AnswerFlagKinds.InvalidCitationRemoved, "Satisfaction with overall care was high at both angioplasty and thrombolysis sites [1][4].", "4"));
        flags[1].Should().Be((AnswerFlagKinds.UncitedSentenceDropped, "Primary angioplasty halved mortality [7].", "7"));
    }

    [Fact]
    public async Task A_claim_without_a_citation_is_dropped_from_the_answer_and_reported()
    {
        fixture.Model.Reset(FakeChatCompletions.Final(
            "Speed of treatment was rated excellent by 80% of patients at angioplasty sites and 67% at thrombolysis sites [1]. Primary angioplasty is therefore the preferred reperfusion strategy."));

        var answer = await fixture.Ask(Angioplasty);

        answer.GetProperty("found").GetBoolean().Should().BeTrue();
        answer.GetProperty("text").GetString().Should().Be("Speed of treatment was rated excellent by 80% of patients at angioplasty sites and 67% at thrombolysis sites. [1]");
        answer.GetProperty("sentences").GetArrayLength().Should().Be(1);
        Flags(answer).Should().Equal((AnswerFlagKinds.UncitedSentenceDropped, "Primary angioplasty is therefore the preferred reperfusion strategy.", ""));
    }

    [Fact]
    public async Task Citations_are_renumbered_to_the_passages_the_answer_uses_in_the_order_it_uses_them()
    {
        fixture.Model.Reset(FakeChatCompletions.Final(
            "Aromatase inhibitors brought more grade 3 and 4 cardiovascular events than tamoxifen [3]. "
            + "Sublingual varices were associated with hypertension [1]. Both findings come from the supplied studies [3][1]."));

        var answer = await fixture.Ask("Sublingual varices and hypertension; aromatase inhibitors and cardiovascular events; primary angioplasty satisfaction");

        var sent = SentPassages();
        sent.Should().HaveCount(3);
        answer.GetProperty("text").GetString().Should().Be(
            "Aromatase inhibitors brought more grade 3 and 4 cardiovascular events than tamoxifen. [1] "
            + "Sublingual varices were associated with hypertension. [2] Both findings come from the supplied studies. [1][2]");
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        citations.Select(c => c.GetProperty("number").GetInt32()).Should().Equal(1, 2);
        citations[0].GetProperty("passage").GetString().Should().Be(sent[3]);
        citations[1].GetProperty("passage").GetString().Should().Be(sent[1]);
        answer.GetProperty("sentences").EnumerateArray().Select(s => string.Join(',', s.GetProperty("citations").EnumerateArray().Select(n => n.GetInt32())))
            .Should().Equal("1", "2", "1,2");
        Flags(answer).Should().BeEmpty();
    }

    [Fact]
    public async Task A_not_found_reply_is_answered_as_not_found_without_citations()
    {
        fixture.Model.Reset(FakeChatCompletions.Final("I couldn\u2019t find this in the knowledge base."));

        var answer = await fixture.Ask(Angioplasty);

        fixture.Model.Requests.Should().ContainSingle();
        answer.GetProperty("found").GetBoolean().Should().BeFalse();
        answer.GetProperty("mode").GetString().Should().Be("generative");
        answer.GetProperty("text").GetString().Should().Be("I couldn't find this in the knowledge base.");
        answer.GetProperty("citations").GetArrayLength().Should().Be(0);
        answer.GetProperty("fallback").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_question_nothing_in_the_knowledge_base_matches_is_not_sent_to_the_model()
    {
        fixture.Model.Reset(FakeChatCompletions.Final("Paris [1]."));

        var answer = await fixture.Ask("What is the capital of France?");

        fixture.Model.Requests.Should().BeEmpty();
        answer.GetProperty("found").GetBoolean().Should().BeFalse();
        answer.GetProperty("text").GetString().Should().Be("I couldn't find this in the knowledge base.");
    }

    [Fact]
    public async Task When_the_model_answers_500_the_extractive_answer_is_given_and_says_why()
    {
        fixture.Model.Reset(FakeChatCompletions.Failure(500), FakeChatCompletions.Failure(500));

        var answer = await fixture.Ask(Angioplasty);

        fixture.Model.Requests.Should().HaveCount(2, "one retry");
        ShouldBeExtractiveFallback(answer, AnswerFallbacks.ModelUnavailable);
    }

    [Fact]
    public async Task When_the_model_is_slower_than_the_timeout_the_extractive_answer_is_given()
    {
        var late = FakeChatCompletions.Slow(TimeSpan.FromSeconds(60), FakeChatCompletions.Final("Speed of treatment was better [1]."));
        fixture.Model.Reset(late, late);
        var clock = Stopwatch.StartNew();

        var answer = await fixture.Ask(Angioplasty);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), $"the timeout is {GenerativeAnswerFixture.Timeout} and the model answers only after 60 s");
        ShouldBeExtractiveFallback(answer, AnswerFallbacks.Timeout);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Service temporarily unavailable</body></html>")]
    [InlineData("application/json", "{}")]
    [InlineData("application/json", "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764300000,\"model\":\"test-model\",\"choices\":[]}")]
    [InlineData("application/json", "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764300000,\"model\":\"test-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"stop\"}]}")]
    public async Task When_the_response_is_not_a_chat_completion_with_text_the_extractive_answer_is_given(string contentType, string body)
    {
        fixture.Model.Reset(FakeChatCompletions.NotAChatCompletion(contentType, body));

        var answer = await fixture.Ask(Angioplasty);

        ShouldBeExtractiveFallback(answer, AnswerFallbacks.MalformedReply);
    }

    [Fact]
    public async Task When_no_sentence_of_the_reply_is_cited_the_extractive_answer_is_given_never_the_uncited_text()
    {
        fixture.Model.Reset(FakeChatCompletions.Final("Primary angioplasty patients were more satisfied. It is the better treatment."));

        var answer = await fixture.Ask(Angioplasty);

        ShouldBeExtractiveFallback(answer, AnswerFallbacks.NoCitedSentence);
        answer.GetProperty("text").GetString().Should().NotContain("better treatment");
        Flags(answer).Select(f => f.Kind).Should().Equal(AnswerFlagKinds.UncitedSentenceDropped, AnswerFlagKinds.UncitedSentenceDropped);
    }

    [Fact]
    public async Task When_the_model_cannot_be_reached_at_all_the_extractive_answer_is_given()
    {
        using var scope = fixture.Host.Services.CreateScope();
        var settings = new AnswerLlmOptions { BaseUrl = $"http://127.0.0.1:{ClosedPort()}/v1", Model = "test-model", Timeout = TimeSpan.FromSeconds(5), MaxRetries = 0 };
        var composer = new GenerativeAnswerComposer(scope.ServiceProvider.GetRequiredService<ExtractiveAnswerComposer>(), AnswerRegistration.ChatClientFor(settings),
            Options.Create(settings), TimeProvider.System, NullLogger<GenerativeAnswerComposer>.Instance);

        var answer = await composer.Answer(Angioplasty, null, CancellationToken.None);

        answer.Mode.Should().Be(AnswerModes.Extractive);
        answer.Fallback.Should().Be(AnswerFallbacks.ModelUnavailable);
        answer.Found.Should().BeTrue();
        answer.Citations.Should().ContainSingle().Which.ExternalId.Should().Be("20629769");
    }

    private static void ShouldBeExtractiveFallback(JsonElement answer, string reason)
    {
        answer.GetProperty("mode").GetString().Should().Be("extractive");
        answer.GetProperty("fallback").GetString().Should().Be(reason);
        answer.GetProperty("found").GetBoolean().Should().BeTrue();
        var citations = answer.GetProperty("citations").EnumerateArray().ToDictionary(c => c.GetProperty("number").GetInt32(), c => c.GetProperty("passage").GetString()!);
        citations.Values.Should().ContainSingle().Which.Should().Contain("National Infarct Angioplasty Project");
        var sentences = answer.GetProperty("sentences").EnumerateArray().ToList();
        sentences.Should().NotBeEmpty();
        foreach (var sentence in sentences)
        {
            // Extractive: every sentence word for word from the passage it cites.
            citations[sentence.GetProperty("citation").GetInt32()].Should().Contain(sentence.GetProperty("text").GetString());
        }
    }

    private static List<(string Kind, string Sentence, string Invalid)> Flags(JsonElement answer) =>
        [.. answer.GetProperty("flags").EnumerateArray().Select(f => (
            f.GetProperty("kind").GetString()!,
            f.GetProperty("sentence").GetString()!,
            string.Join(',', f.GetProperty("invalidCitations").EnumerateArray().Select(n => n.GetInt32()))))];

    /// <summary>The passages the model was sent, by their number, unescaped.</summary>
    private Dictionary<int, string> SentPassages()
    {
        var user = RecordedRequest.Text(fixture.Model.Requests.Should().ContainSingle().Subject.Messages[1]!);
        return SentPassage().Matches(user).ToDictionary(
            m => int.Parse(m.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m => WebUtility.HtmlDecode(m.Groups["text"].Value));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("<passage number=\"(?<number>\\d+)\"[^>]*>\\n(?<text>.*?)\\n</passage>", RegexOptions.Singleline)]
    private static partial Regex SentPassage();
}
