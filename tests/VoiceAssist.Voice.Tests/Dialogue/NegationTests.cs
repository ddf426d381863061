using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Tests.Dialogue;

/// <summary>NegEx-style scope (Chapman et al., J Biomed Inform 2001;34:301-310) as the calculators need it.</summary>
public sealed class NegationTests
{
    [Theory]
    [InlineData("no prior stroke", "prior stroke")]
    [InlineData("denies bleeding", "bleeding")]
    [InlineData("patient denies any chest pain", "chest pain")]
    [InlineData("without diabetes", "diabetes")]
    [InlineData("she is not diabetic", "diabetic")]
    [InlineData("no history of stroke or TIA", "tia")]
    [InlineData("negative for DVT", "dvt")]
    [InlineData("not on aspirin", "aspirin")]
    [InlineData("stroke ruled out", "stroke")]
    [InlineData("diabetes: no", "diabetes")]
    [InlineData("free of heart failure", "heart failure")]
    public void A_finding_in_the_scope_of_a_negation_is_negated(string text, string finding) =>
        Negated(text, finding).Should().BeTrue();

    [Theory]
    [InlineData("history of TIA", "tia")]
    [InlineData("h/o CHF", "chf")]
    [InlineData("no stroke but has diabetes", "diabetes")]
    [InlineData("no fever; hypertension", "hypertension")]
    [InlineData("denies bleeding, has hypertension", "hypertension")]
    [InlineData("hypertension, no diabetes", "hypertension")]
    [InlineData("no change in her heart failure", "heart failure")]
    [InlineData("no cough, fever, or chills for the last several weeks and known diabetes", "diabetes")]
    public void A_finding_outside_the_scope_is_affirmed(string text, string finding) =>
        Negated(text, finding).Should().BeFalse();

    [Fact]
    public void The_scope_ends_after_six_words()
    {
        Negated("no fever chills sweats rigors malaise or weight loss and hypertension", "hypertension").Should().BeFalse();
    }

    private static bool Negated(string text, string finding)
    {
        var utterance = Utterance.Of(text);
        var phrase = Utterance.Normalize(finding);
        var match = utterance.Find(phrase).First();
        var first = utterance.TokenAt(match.Index);
        return Negation.IsNegated(utterance, first, first + phrase.Split(' ').Length - 1);
    }
}
