using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Answers;

/// <summary>An extractive answer says each sentence once, and says it found nothing when its passages do not
/// address the question, even if together they contain the question's words.</summary>
public sealed class ExtractiveAnswerTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_same_sentence_in_two_documents_is_said_once()
    {
        await client.Import("""
            {"id": "rep-1", "title": "Zelmidrone in gout", "text": "Zelmidrone lowered serum urate below 6 mg/dL in most patients with gout. Flares were rare."}
            {"id": "rep-2", "title": "Zelmidrone in gout, a reprint", "text": "Zelmidrone lowered serum urate below 6 mg/dL in most patients with gout. The reprint adds no data."}
            """);

        var answer = await Ask("Does zelmidrone lower serum urate in gout?");

        answer.GetProperty("found").GetBoolean().Should().BeTrue();
        var sentences = answer.GetProperty("sentences").EnumerateArray().Select(s => s.GetProperty("text").GetString()!).ToList();
        sentences.Should().Contain("Zelmidrone lowered serum urate below 6 mg/dL in most patients with gout.");
        sentences.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Passages_that_each_hold_a_few_of_the_questions_words_are_not_an_answer()
    {
        await client.Import("""
            {"id": "tick-1", "title": "Tick bites", "text": "Primary prevention of tick bites relies on repellents and long sleeves. Check the skin after walks."}
            {"id": "tick-2", "title": "Lyme disease guideline", "text": "The guideline recommends removing a tick with fine tweezers. Antibiotic prophylaxis is rarely needed."}
            {"id": "tick-3", "title": "Tick-borne encephalitis", "text": "Vaccination is the prevention of choice where tick-borne encephalitis is endemic."}
            """);

        var answer = await Ask("what does the guideline say about aspirin for primary prevention");

        answer.GetProperty("found").GetBoolean().Should().BeFalse();
        answer.GetProperty("text").GetString().Should().Be("I couldn't find this in the knowledge base.");
        answer.GetProperty("citations").GetArrayLength().Should().Be(0);
    }

    private async Task<JsonElement> Ask(string question)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/knowledge/answers", UriKind.Relative), new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
