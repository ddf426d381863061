using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Answers;

public sealed class AnswerQuestionTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task An_answer_is_built_from_cited_sentences_taken_word_for_word_from_the_knowledge_base()
    {
        await client.Import("""
            {"id": "31415", "title": "Torvanide after myocardial infarction", "text": "We studied 400 patients after myocardial infarction. Torvanide reduced recurrent myocardial infarction by 30 percent at one year. Headache was the commonest side effect.", "publisher": "PubMed"}
            {"id": "27182", "title": "Unrelated", "text": "Knee arthroscopy outcomes were similar between the two surgical techniques."}
            """);

        var answer = await Ask("Does torvanide reduce recurrent heart attack?");

        answer.GetProperty("found").GetBoolean().Should().BeTrue();
        answer.GetProperty("mode").GetString().Should().Be("extractive", "no language model is configured");
        answer.GetProperty("fallback").ValueKind.Should().Be(JsonValueKind.Null);
        var text = answer.GetProperty("text").GetString()!;
        text.Should().Contain("Torvanide reduced recurrent myocardial infarction by 30 percent at one year. [1]");
        var citation = answer.GetProperty("citations").EnumerateArray().Single();
        citation.GetProperty("externalId").GetString().Should().Be("31415");
        citation.GetProperty("passage").GetString().Should().Contain("Torvanide reduced recurrent myocardial infarction");
        citation.GetProperty("reference").GetString().Should().Be("Torvanide after myocardial infarction. PubMed. PMID: 31415.");
        foreach (var sentence in answer.GetProperty("sentences").EnumerateArray())
        {
            citation.GetProperty("passage").GetString().Should().Contain(sentence.GetProperty("text").GetString());
            sentence.GetProperty("citation").GetInt32().Should().Be(1);
        }
    }

    [Fact]
    public async Task A_question_the_knowledge_base_cannot_answer_gets_a_plain_not_found()
    {
        await client.Import("""{"id": "n-1", "title": "", "text": "Metformin is first-line therapy for type 2 diabetes in most adults."}""");

        var answer = await Ask("What is the capital of France and its population?");

        answer.GetProperty("found").GetBoolean().Should().BeFalse();
        answer.GetProperty("text").GetString().Should().Be("I couldn't find this in the knowledge base.");
        answer.GetProperty("citations").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_compound_question_is_answered_from_both_of_its_parts()
    {
        await client.Import("""
            {"id": "c-1", "title": "", "text": "In chronic kidney disease, lisinavir lowered proteinuria substantially."}
            {"id": "c-2", "title": "", "text": "In diabetes, lisinavir had no effect on glucose control."}
            """);

        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/search", UriKind.Relative), new { query = "compare lisinavir in CKD and in diabetes" });
        var results = await response.Content.ReadFromJsonAsync<JsonElement>();

        results.GetProperty("subQueries").EnumerateArray().Select(s => s.GetString()).Should().Equal("lisinavir in CKD", "lisinavir in diabetes");
        results.Passages().Select(p => p.GetProperty("externalId").GetString()).Take(2).Should().BeEquivalentTo("c-1", "c-2");
    }

    private async Task<JsonElement> Ask(string question)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/answers", UriKind.Relative), new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
