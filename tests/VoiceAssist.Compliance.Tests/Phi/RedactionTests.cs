using System.Globalization;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Detection;
using VoiceAssist.Compliance.Phi.Redaction;

namespace VoiceAssist.Compliance.Tests.Phi;

public sealed class RedactionTests
{
    private const string Note = "Dr. Okafor saw Mrs. Lindqvist on 03/14/2021. Call (617) 555-0134. Okafor will see Lindqvist again on 03/28/2021.";

    private static readonly PhiRedactor Redactor = new(new PhiDetector());

    [Fact]
    public void Type_tags_replace_each_identifier_with_its_type()
    {
        var redacted = Redactor.Redact(Note, RedactionStyle.TypeTags);

        redacted.Text.Should().Be("Dr. [NAME] saw Mrs. [NAME] on [DATE]. Call [PHONE]. [NAME] will see [NAME] again on [DATE].");
        redacted.Replacements.Should().HaveCount(7);
        redacted.Replacements.Select(r => (redacted.Text[r.Start..r.End], r.Type)).Should().OnlyContain(x => x.Item1 == "[" + x.Type + "]");
    }

    [Fact]
    public void Masking_keeps_the_length_of_the_text()
    {
        var redacted = Redactor.Redact(Note, RedactionStyle.Mask);

        redacted.Text.Should().HaveLength(Note.Length);
        redacted.Text.Should().StartWith("Dr. ****** saw Mrs. ********* on **********.");
        redacted.Text.Should().NotContain("Okafor").And.NotContain("555");
    }

    [Fact]
    public void Surrogates_are_consistent_within_a_text_and_hide_the_originals()
    {
        var redacted = PhiRedactor.Redact(Note, new PhiDetector().Detect(Note), RedactionStyle.Surrogates, new Random(7));

        redacted.Text.Should().NotContain("Okafor").And.NotContain("Lindqvist").And.NotContain("555-0134").And.NotContain("2021-03-14");
        var names = redacted.Replacements.Where(r => r.Type == PhiTypes.Name).Select(r => redacted.Text[r.Start..r.End]).ToList();
        names.Should().HaveCount(4);
        names[2].Should().Be(names[0], "the same doctor keeps the same stand-in");
        names[3].Should().Be(names[1], "the same patient keeps the same stand-in");
        names[0].Should().NotBe(names[1]);
    }

    [Fact]
    public void Surrogate_dates_move_together_so_intervals_survive()
    {
        var redacted = PhiRedactor.Redact(Note, new PhiDetector().Detect(Note), RedactionStyle.Surrogates, new Random(11));

        var dates = redacted.Replacements.Where(r => r.Type == PhiTypes.Date)
            .Select(r => DateTime.ParseExact(redacted.Text[r.Start..r.End], "MM/dd/yyyy", CultureInfo.InvariantCulture)).ToList();
        dates.Should().HaveCount(2);
        (dates[1] - dates[0]).TotalDays.Should().Be(14);
        dates[0].Should().NotBe(new DateTime(2021, 3, 14, 0, 0, 0, DateTimeKind.Unspecified));
    }

    [Fact]
    public void Surrogates_keep_the_shape_of_numbers_and_differ_between_texts()
    {
        const string text = "MRN: 00412345";
        var spans = new PhiDetector().Detect(text);

        var first = PhiRedactor.Redact(text, spans, RedactionStyle.Surrogates, new Random(1)).Text;
        var second = PhiRedactor.Redact(text, spans, RedactionStyle.Surrogates, new Random(2)).Text;

        first.Should().MatchRegex(@"^MRN: \d{8}$").And.NotBe(text);
        second.Should().NotBe(first);
    }

    [Fact]
    public void Ages_over_89_become_90_plus()
    {
        const string text = "A 94-year-old woman.";

        PhiRedactor.Redact(text, new PhiDetector().Detect(text), RedactionStyle.Surrogates, new Random(3)).Text.Should().Be("A 90+-year-old woman.");
    }

    [Fact]
    public void Text_without_identifiers_comes_back_unchanged()
    {
        const string text = "Continue metoprolol 25 mg BID; recheck BMP in 1 week.";

        Redactor.Redact(text, RedactionStyle.TypeTags).Text.Should().Be(text);
    }
}
