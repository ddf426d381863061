using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.LanguageModel;
using VoiceAssist.Voice.Tests.Speech.Recognition;

namespace VoiceAssist.Voice.Tests.Speech.LanguageModel;

public sealed class ClinicalLanguageModelTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    [Fact]
    public void Corpus_holds_several_hundred_distinct_clinical_sentences()
    {
        var sentences = ClinicalLanguageModel.CorpusSentences();

        sentences.Should().HaveCountGreaterThan(500).And.OnlyHaveUniqueItems();
        sentences.Should().Contain(s => s.Contains("chads vasc")).And.Contain(s => s.Contains("curb sixty five")).And.Contain(s => s.Contains("apixaban"));
    }

    [Fact]
    public void Derives_pronunciations_for_drug_and_score_names_missing_from_the_cmu_dictionary()
    {
        fixture.Files.DerivedPronunciations.Should().ContainKeys("apixaban", "rivaroxaban", "chads", "vasc");
        fixture.Files.DerivedPronunciations["apixaban"].Should().Be("AH P IH K S AE B AH N");
        File.ReadLines(fixture.Files.MergedDictionary).Should().Contain("warfarin " + fixture.Files.DerivedPronunciations["warfarin"]);
    }

    [Fact]
    public void Writes_an_arpa_model_whose_header_counts_match_its_sections()
    {
        var lines = File.ReadAllLines(fixture.Files.LanguageModel);
        var declared = lines.Where(l => l.StartsWith("ngram ")).Select(l => int.Parse(l.Split('=')[1])).ToList();

        declared.Should().HaveCount(3);
        for (var n = 1; n <= 3; n++)
        {
            var section = lines.SkipWhile(l => l != $"\\{n}-grams:").Skip(1).TakeWhile(l => l.Length > 0);
            section.Should().HaveCount(declared[n - 1]);
        }
    }

    [Theory]
    [InlineData("tʃ_ˈæ_d_z", "CH AE D Z")]
    [InlineData("ɪ_n_ˈɑː_k_s_ɐ_p_ɚ_ɹ_ˌɪ_n", "IH N AA K S AH P ER IH N")]
    [InlineData("b_ˈʌ_ɾ_ɚ", "B AH T ER")]
    [InlineData("n_ˌaɪ_t_ɹ_oʊ_f_j_ˈʊɹ_ɹ_ɐ_n_t_ˌɔɪ_n", "N AY T R OW F Y UH R AH N T OY N")]
    public void Maps_espeak_ipa_to_arpabet(string ipa, string arpabet) =>
        ArpabetPronunciation.FromIpa(ipa).Should().Be(arpabet);
}

public sealed class WittenBellEstimatorTests
{
    [Fact]
    public void Probabilities_after_any_context_sum_to_one_over_the_vocabulary()
    {
        var estimator = new WittenBellEstimator(order: 3);
        foreach (var sentence in new[] { "what is the chads vasc score", "what is the has bled score", "what is the dose of apixaban" })
        {
            estimator.AddSentence(TranscriptText.Words(sentence));
        }

        foreach (var context in new[] { new[] { "what", "is" }, ["is", "the"], ["the"], ["unseen", "words"], [WittenBellEstimator.SentenceStart] })
        {
            estimator.Vocabulary.Sum(word => estimator.Probability(context, word)).Should().BeApproximately(1.0, 1e-9);
        }
    }

    [Fact]
    public void A_context_followed_by_many_different_words_backs_off_more_than_one_always_followed_by_the_same_word()
    {
        var estimator = new WittenBellEstimator(order: 2);
        foreach (var sentence in new[] { "chads vasc", "chads vasc", "chads vasc", "the dose", "the score", "the patient" })
        {
            estimator.AddSentence(TranscriptText.Words(sentence));
        }

        estimator.Probability(["chads"], "vasc").Should().BeGreaterThan(0.7);
        estimator.Probability(["the"], "dose").Should().BeLessThan(0.3);
    }
}
