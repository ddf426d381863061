using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Search;

/// <summary>What the development set's questions exposed in keyword matching: documents that are only a title, terms
/// joined by a slash, Greek letters against their names.</summary>
public sealed class LexicalMatchingTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_document_with_a_title_and_empty_text_is_accepted_and_found_by_its_title()
    {
        var import = await client.Import("""
            {"id": "lex-title", "title": "Quorvastin lowers lipoprotein(a) in familial hypercholesterolaemia", "text": ""}
            {"id": "lex-none", "title": "", "text": ""}
            """);

        import.GetProperty("created").GetInt32().Should().Be(1);
        import.GetProperty("rejected").GetInt32().Should().Be(1, "a line with neither title nor text is still refused");
        var results = await client.Search("quorvastin lipoprotein");
        var passage = results.Passages().First();
        passage.GetProperty("externalId").GetString().Should().Be("lex-title");
        passage.GetProperty("text").GetString().Should().Be("Quorvastin lowers lipoprotein(a) in familial hypercholesterolaemia");
    }

    [Theory]
    [InlineData("STAG1", "lex-stag")]
    [InlineData("STAG2 cohesin", "lex-stag")]
    [InlineData("Nipbl loading", "lex-scc")]
    [InlineData("alpha-synuclein aggregation", "lex-syn")]
    [InlineData("α-synuclein aggregation", "lex-syn")]
    [InlineData("TNFα release by macrophages", "lex-tnf")]
    public async Task Slash_joined_terms_and_greek_letters_meet_their_other_spellings(string query, string expected)
    {
        await client.Import("""
            {"id": "lex-stag", "title": "Cohesin subunits", "text": "Loss of STAG1/STAG2 changes cohesin positioning on chromatin."}
            {"id": "lex-scc", "title": "Cohesin loader", "text": "The Scc2/Nipbl complex drives cohesin loading at promoters."}
            {"id": "lex-syn", "title": "Parkinson disease", "text": "α-Synuclein aggregation spreads between neurons in Parkinson disease."}
            {"id": "lex-tnf", "title": "Macrophage signalling", "text": "Macrophages increase TNF-alpha release after lipopolysaccharide."}
            """);

        var results = await client.Search(query);

        results.Passages().First().GetProperty("externalId").GetString().Should().Be(expected);
    }
}
