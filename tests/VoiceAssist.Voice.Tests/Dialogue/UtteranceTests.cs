using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Tests.Dialogue;

public sealed class UtteranceTests
{
    [Theory]
    [InlineData("seventy two", "72")]
    [InlineData("one hundred and fifty four pounds", "154 pounds")]
    [InlineData("creatinine one point four", "creatinine 1.4")]
    [InlineData("a hundred and ten", "110")]
    [InlineData("twenty-five", "25")]
    [InlineData("eighty", "80")]
    [InlineData("one thousand two hundred", "1200")]
    [InlineData("type two diabetes", "type 2 diabetes")]
    public void Spoken_numbers_become_digits(string spoken, string expected) =>
        Utterance.Normalize(spoken).Should().Be(expected);

    [Theory]
    [InlineData("72-year-old woman", "72 year old woman")]
    [InlineData("72yo F", "72 year old f")]
    [InlineData("72 y/o female", "72 year old female")]
    [InlineData("seventy two year old", "72 year old")]
    [InlineData("h/o CHF", "history of chf")]
    [InlineData("BP 150 over 90", "bp 150 / 90")]
    [InlineData("She's 67, not 76.", "she is 67 , not 76 .")]
    [InlineData("CHA₂DS₂-VASc", "cha2ds2 vasc")]
    [InlineData("w/o diabetes", "without diabetes")]
    [InlineData("110bpm", "110 bpm")]
    public void Clinical_shorthand_and_punctuation_take_one_spelling(string text, string expected) =>
        Utterance.Normalize(text).Should().Be(expected);

    [Fact]
    public void Over_between_words_is_left_alone() =>
        Utterance.Normalize("patients over the age of 65").Should().Be("patients over the age of 65");

    [Theory]
    [InlineData("124 micromoles", "µmol/L")]
    [InlineData("124 umol/L", "µmol/L")]
    [InlineData("70 kilos", "kg")]
    [InlineData("154 pounds", "lb")]
    [InlineData("1.4 mg/dL", "mg/dL")]
    [InlineData("110 beats per minute", "/min")]
    public void Units_are_read_after_a_number(string text, string unit)
    {
        var utterance = Utterance.Of(text);

        (SpokenUnits.At(utterance.Tokens, 1)?.Unit).Should().Be(unit);
    }

    [Fact]
    public void A_unit_is_matched_only_where_the_calculator_accepts_it()
    {
        SpokenUnits.Accepts("mg/dL", ["mg/dL", "µmol/L", "mmol/L"], "µmol/L").Should().BeTrue();
        SpokenUnits.Accepts("kg", ["kg", "lb"], "µmol/L").Should().BeFalse();
    }
}
