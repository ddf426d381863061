using VoiceAssist.Knowledge.Answers.Generative;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Tests.Answers.Generative;

/// <summary>How a reply is cut into sentences and held to the passages it was given. Sentences are from the
/// conclusions of PubMedQA abstracts (Jin et al., EMNLP 2019).</summary>
public sealed class CitationCheckerTests
{
    [Theory]
    [InlineData("Aromatase inhibitors raised cardiovascular risk [1]. Tamoxifen raised thromboembolic risk [2].")]
    [InlineData("Aromatase inhibitors raised cardiovascular risk. [1] Tamoxifen raised thromboembolic risk. [2]")]
    [InlineData("Aromatase inhibitors raised cardiovascular risk [1].\nTamoxifen raised thromboembolic risk [2].")]
    [InlineData("- Aromatase inhibitors raised cardiovascular risk [1]\n- Tamoxifen raised thromboembolic risk [2]")]
    [InlineData("Aromatase inhibitors raised cardiovascular risk.\n[1]\nTamoxifen raised thromboembolic risk.\n[2]")]
    public void Markers_before_or_after_the_full_stop_on_one_line_or_in_a_list_belong_to_their_sentence(string reply)
    {
        var check = CitationChecker.Check(reply, passageCount: 2);

        check.Kept.Select(s => (s.Text.TrimEnd('.'), string.Join(',', s.Passages)))
            .Should().Equal(("Aromatase inhibitors raised cardiovascular risk", "1"), ("Tamoxifen raised thromboembolic risk", "2"));
        check.Flags.Should().BeEmpty();
    }

    [Fact]
    public void Abbreviations_and_decimals_do_not_end_a_sentence_but_a_marker_after_them_does()
    {
        var check = CitationChecker.Check("Satisfaction was 78% vs. 71%, e.g. for overall care, with OR = 2.25 [1]. Hoffman et al. found this too [2].", passageCount: 2);

        check.Kept.Select(s => s.Text).Should().Equal("Satisfaction was 78% vs. 71%, e.g. for overall care, with OR = 2.25.", "Hoffman et al. found this too.");
    }

    [Fact]
    public void Lists_and_ranges_of_numbers_cite_each_passage_and_an_out_of_range_number_is_flagged()
    {
        var check = CitationChecker.Check("Both trials agree [1, 3]. All three agree [1-3][5].", passageCount: 3);

        check.Kept.Select(s => string.Join(',', s.Passages)).Should().Equal("1,3", "1,2,3");
        var flag = check.Flags.Should().ContainSingle().Subject;
        (flag.Kind, flag.Sentence).Should().Be((AnswerFlagKinds.InvalidCitationRemoved, "All three agree [1-3][5]."));
        flag.InvalidCitations.Should().Equal(5);
    }

    [Fact]
    public void A_zero_citation_names_no_passage()
    {
        var check = CitationChecker.Check("Sublingual varices indicate hypertension [0].", passageCount: 1);

        check.Kept.Should().BeEmpty();
        var flag = check.Flags.Should().ContainSingle().Subject;
        flag.Kind.Should().Be(AnswerFlagKinds.UncitedSentenceDropped);
        flag.InvalidCitations.Should().Equal(0);
    }

    [Fact]
    public void Brackets_that_are_not_citation_markers_do_not_count_as_citations()
    {
        var check = CitationChecker.Check("Toxicity was graded by criteria [version 2.0].", passageCount: 1);

        check.Kept.Should().BeEmpty();
        check.Flags.Should().ContainSingle().Which.Kind.Should().Be(AnswerFlagKinds.UncitedSentenceDropped);
    }

    [Theory]
    [InlineData("I couldn't find this in the knowledge base.", true)]
    [InlineData("I couldn\u2019t find this in the knowledge base", true)]
    [InlineData("\"I couldn't find this in the knowledge base.\"", true)]
    [InlineData("I couldn't find this in the knowledge base. Angioplasty is preferred.", false)]
    [InlineData("Angioplasty was preferred [1].", false)]
    public void The_not_found_sentence_is_recognised_only_when_it_is_the_whole_reply(string reply, bool notFound) =>
        CitationChecker.IsNotFound(reply).Should().Be(notFound);
}
