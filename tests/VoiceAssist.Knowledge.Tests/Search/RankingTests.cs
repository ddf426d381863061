using VoiceAssist.Knowledge.Ingestion;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Tests.Search;

public sealed class RankingTests
{
    [Fact]
    public void Bm25_ranks_the_passage_with_the_rarer_matching_term_first_and_forgets_removed_passages()
    {
        var index = new Bm25Index();
        var common = index.Add([("patient", 3f), ("studi", 2f)]);
        var rare = index.Add([("patient", 1f), ("dyschesia", 1f)]);
        index.Add([("patient", 1f), ("knee", 1f)]);

        var hits = index.Search([new WeightedTerm("patient", 1), new WeightedTerm("dyschesia", 1)], 10, 1.2, 0.75);

        hits[0].Slot.Should().Be(rare);
        index.Remove(rare);
        index.Search([new WeightedTerm("dyschesia", 1)], 10, 1.2, 0.75).Should().BeEmpty();
        index.DocumentFrequency("patient").Should().Be(2);
        index.Search([new WeightedTerm("studi", 1)], 10, 1.2, 0.75).Single().Slot.Should().Be(common);
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement_between_rankings()
    {
        var a = (1L, Guid.NewGuid());
        var b = (2L, Guid.NewGuid());
        var c = (3L, Guid.NewGuid());

        var fused = HybridSearch.Fuse([([a, b, c], 1.0), ([b, c, a], 1.0), ([b], 0.5)], 60);

        fused[0].ChunkId.Should().Be(2);
    }

    [Theory]
    [InlineData("compare statin use in CKD and in diabetes", "statin use in CKD", "statin use in diabetes")]
    [InlineData("metformin versus insulin for gestational diabetes", "metformin for gestational diabetes", "insulin for gestational diabetes")]
    public void A_compound_question_is_split_into_its_parts(string query, string first, string second) =>
        QueryDecomposer.Decompose(query).Should().Equal(first, second);

    [Fact]
    public void A_simple_question_is_not_split() =>
        QueryDecomposer.Decompose("Does aspirin prevent stroke in AF?").Should().Equal("Does aspirin prevent stroke in AF?");

    [Fact]
    public void Synonyms_expand_abbreviations_and_lay_words_both_ways()
    {
        var synonyms = MedicalSynonyms.Embedded();

        synonyms.Expansions("statins in CKD").Should().Contain("chronic kidney disease");
        synonyms.Expansions("after a heart attack").Should().Contain("mi").And.Contain("myocardial infarction");
        synonyms.Expansions("chronic kidney disease stage 3").Should().Contain("ckd");
        synonyms.Expansions("knee replacement").Should().BeEmpty();
        synonyms.GroupCount.Should().BeGreaterThan(80);
    }

    [Fact]
    public void Long_sections_are_chunked_within_the_size_bounds_with_overlap_and_keep_page_and_section()
    {
        var sentence = "The trial enrolled adults with persistent symptoms and measured outcomes at twelve weeks.";
        var blocks = new List<TextBlock>
        {
            new(1, "Methods", string.Join(' ', Enumerable.Repeat(sentence, 60))),
            new(3, "Results", "Outcomes improved in the treated group."),
        };

        var chunks = Chunker.Split(blocks);

        chunks.Should().HaveCountGreaterThan(2);
        chunks.Where(c => c.Section == "Methods").Should().OnlyContain(c => c.TokenCount <= Chunker.MaxWords && c.Page == 1);
        chunks[^1].Should().Match<TextChunk>(c => c.Section == "Results" && c.Page == 3);
        var methods = chunks.Where(c => c.Section == "Methods").ToList();
        methods[1].Text.Should().StartWith(sentence, "the next passage repeats the end of the previous one");
    }

    [Fact]
    public void Sentences_are_not_split_after_abbreviations()
    {
        Chunker.Sentences("Dosing follows e.g. renal function. Dr. Smith agreed. Results were good.")
            .Should().Equal("Dosing follows e.g. renal function.", "Dr. Smith agreed.", "Results were good.");
    }
}
