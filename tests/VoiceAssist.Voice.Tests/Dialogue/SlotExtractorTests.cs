using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Testing;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Tests.Dialogue;

/// <summary>Slot filling against the real calculator catalog, asked for through the host's mediator.</summary>
public sealed class SlotExtractorTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Theory]
    [InlineData("72-year-old woman", "72", "female")]
    [InlineData("72 yo F", "72", "female")]
    [InlineData("72F with hypertension", "72", "female")]
    [InlineData("a man aged 80", "80", "male")]
    [InlineData("seventy two year old gentleman", "72", "male")]
    [InlineData("she is 67", "67", "female")]
    [InlineData("age 59, male", "59", "male")]
    public async Task Age_and_sex_are_read_from_the_usual_phrasings(string text, string age, string sex)
    {
        var slots = await Extract("cha2ds2-vasc", text);

        slots["age"].Value.Should().Be(age);
        slots["sex"].Value.Should().Be(sex);
    }

    [Theory]
    [InlineData("creatinine 1.4", "creatinine", "1.4", null)]
    [InlineData("creatinine of 124 micromoles", "creatinine", "124", "µmol/L")]
    [InlineData("Cr 1.1 mg/dL", "creatinine", "1.1", "mg/dL")]
    [InlineData("weighs 70 kilos", "weight", "70", "kg")]
    [InlineData("154 pounds", "weight", "154", "lb")]
    [InlineData("weight of seventy kilograms", "weight", "70", "kg")]
    public async Task Numbers_are_read_with_their_units(string text, string input, string value, string? unit)
    {
        var slots = await Extract("cockcroft-gault", text);

        slots[input].Should().Be(new SlotValue(value, unit));
    }

    [Theory]
    [InlineData("BP 150 over 90")]
    [InlineData("blood pressure 150/90")]
    [InlineData("one hundred and fifty over ninety")]
    public async Task Blood_pressure_fills_systolic_and_diastolic(string text)
    {
        var slots = await Extract("map", text);

        slots["systolicBp"].Value.Should().Be("150");
        slots["diastolicBp"].Value.Should().Be("90");
    }

    [Fact]
    public async Task Heart_rate_is_read_after_its_name_and_its_abbreviation()
    {
        (await Extract("qtc-bazett", "heart rate 110, QT 400"))["heartRate"].Value.Should().Be("110");
        (await Extract("qtc-bazett", "HR 96 and QT 380 ms"))["heartRate"].Value.Should().Be("96");
    }

    [Fact]
    public async Task Negated_and_affirmed_criteria_are_told_apart()
    {
        var slots = await Extract("cha2ds2-vasc", "no prior stroke, denies heart failure, history of diabetes, known hypertension");

        slots["strokeTia"].Value.Should().Be("false");
        slots["chf"].Value.Should().Be("false");
        slots["diabetes"].Value.Should().Be("true");
        slots["hypertension"].Value.Should().Be("true");
    }

    [Fact]
    public async Task An_affirmed_mention_outweighs_a_denied_one_for_the_same_criterion()
    {
        var slots = await Extract("cha2ds2-vasc", "no prior stroke but had a TIA last year");

        slots["strokeTia"].Value.Should().Be("true");
    }

    [Theory]
    [InlineData("has-bled", "on aspirin", "drugs")]
    [InlineData("has-bled", "takes naproxen for arthritis", "drugs")]
    [InlineData("has-bled", "on clopidogrel", "drugs")]
    [InlineData("rcri", "on insulin", "insulin")]
    [InlineData("rcri", "uses NovoRapid with meals", "insulin")]
    public async Task Medicines_count_through_their_class(string calculator, string text, string input)
    {
        var slots = await Extract(calculator, text);

        slots[input].Value.Should().Be("true");
    }

    [Fact]
    public async Task A_medicine_the_patient_is_not_on_does_not_count()
    {
        var slots = await Extract("has-bled", "not on aspirin or NSAIDs");

        slots["drugs"].Value.Should().Be("false");
    }

    [Fact]
    public async Task A_bare_number_answers_the_input_just_asked_for()
    {
        var slots = await Extract("cockcroft-gault", "1.2", awaiting: "creatinine");

        slots["creatinine"].Value.Should().Be("1.2");
    }

    [Fact]
    public async Task An_answer_that_names_a_different_input_fills_that_input()
    {
        var slots = await Extract("cockcroft-gault", "she weighs 60 kg", awaiting: "creatinine");

        slots["weight"].Should().Be(new SlotValue("60", "kg"));
        slots.Should().NotContainKey("creatinine");
    }

    [Fact]
    public async Task A_corrected_away_value_fills_nothing()
    {
        var slots = await Extract("cha2ds2-vasc", "sorry, she's 67, not 76");

        slots["age"].Value.Should().Be("67");
        slots.Values.Should().NotContain(v => v.Value == "76");
    }

    [Fact]
    public async Task Yes_and_no_answer_a_yes_no_question()
    {
        (await Extract("cha2ds2-vasc", "yes", awaiting: "diabetes"))["diabetes"].Value.Should().Be("true");
        (await Extract("cha2ds2-vasc", "no, she doesn't", awaiting: "diabetes"))["diabetes"].Value.Should().Be("false");
    }

    private async Task<IReadOnlyDictionary<string, SlotValue>> Extract(string calculatorId, string text, string? awaiting = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = await scope.ServiceProvider.GetRequiredService<CalculatorDirectory>().Get(scope.ServiceProvider.GetRequiredService<ISender>(), CancellationToken.None);
        var calculator = catalog.Find(calculatorId) ?? throw new InvalidOperationException($"No calculator {calculatorId}");
        return scope.ServiceProvider.GetRequiredService<SlotExtractor>().Extract(Utterance.Of(text), calculator, awaiting);
    }
}
