using VoiceAssist.Knowledge.Calculators.Engine;

namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class EngineTests
{
    [Theory]
    [InlineData("1", "mg/dL")]
    [InlineData("1 mg/dl", null)]
    [InlineData("88.4", "umol/L")]
    [InlineData("88.4", "µmol/L")]
    [InlineData("88.4", "μmol/l")]
    [InlineData("88.4 micromol/L", null)]
    [InlineData("0.0884", "mmol/L")]
    [InlineData("10", "mg/L")]
    public void Creatinine_is_read_in_mg_per_dl_from_every_common_unit(string value, string? unit)
    {
        var result = CalculatorRunner.Run(CalculatorCatalog.Find("cockcroft-gault")!, new Dictionary<string, Contracts.Calculators.CalculatorInput>
        {
            ["age"] = new("60"), ["sex"] = new("male"), ["weight"] = new("72 kg"), ["creatinine"] = new(value, unit),
        });

        result.Value.Should().BeApproximately(80, 0.05);
    }

    [Theory]
    [InlineData("158.73 lbs")]
    [InlineData("158.73 lb")]
    [InlineData("72 kg")]
    [InlineData("72")]
    [InlineData("72000 g")]
    public void Weight_is_read_in_kilograms_from_pounds_and_grams(string weight) =>
        Calc.Value("cockcroft-gault", ("age", "60"), ("sex", "M"), ("weight", weight), ("creatinine", "1")).Should().BeApproximately(80, 0.05);

    [Theory]
    [InlineData("177.8 cm")]
    [InlineData("1.778 m")]
    [InlineData("1.778")]
    [InlineData("70 in")]
    [InlineData("70 inches")]
    [InlineData("5'10\"")]
    [InlineData("5 ft 10 in")]
    public void Height_is_read_in_centimetres_from_metres_inches_and_feet(string height) =>
        Calc.Value("ideal-body-weight", ("sex", "male"), ("height", height)).Should().BeApproximately(73, 0.05);

    [Theory]
    [InlineData("38.5")]
    [InlineData("38.5 °C")]
    [InlineData("101.3 °F")]
    [InlineData("101.3 F")]
    [InlineData("101.3")]
    public void Temperature_in_fahrenheit_is_converted_and_a_bare_fahrenheit_value_is_recognised(string temperature)
    {
        var result = Calc.Run("sirs", ("temperature", temperature), ("heartRate", "80 bpm"), ("respiratoryRate", "16"), ("wbc", "8"));

        result.Points("Temperature").Should().Be(1);
        result.Breakdown[0].Value.Should().StartWith("38.5");
    }

    [Theory]
    [InlineData("7.2 mmol/L", 0)]
    [InlineData("20 mg/dL", 1)]
    [InlineData("7.1 mmol/l", 1)]
    public void Urea_in_mmol_per_litre_and_bun_in_mg_per_dl_mean_the_same_thing(string urea, double point)
    {
        var result = Calc.Run("curb-65", ("urea", urea == "7.2 mmol/L" ? "19.6 mg/dL" : urea), ("respiratoryRate", "18"), ("systolicBp", "130"), ("diastolicBp", "80"), ("age", "40"));

        result.Points("Urea").Should().Be(point);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("present", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("absent", false)]
    public void Booleans_accept_yes_no_true_false_and_clinical_words(string value, bool expected) =>
        Calc.Value("cha2ds2-vasc", ("age", "50"), ("sex", "male"), ("hypertension", value)).Should().Be(expected ? 1 : 0);

    [Fact]
    public void Input_names_match_whatever_their_case_spacing_or_synonym()
    {
        var result = Calc.Run("ckd-epi-2021", ("Age", "50"), ("Gender", "M"), ("Serum Creatinine", "1.0 mg/dL"));

        result.Value.Should().BeApproximately(91.7, 0.05);
    }

    [Fact]
    public void Calculator_ids_match_with_or_without_punctuation_and_through_aliases()
    {
        CalculatorCatalog.Find("CHA2DS2VASC")!.Id.Should().Be("cha2ds2-vasc");
        CalculatorCatalog.Find("chads-vasc")!.Id.Should().Be("cha2ds2-vasc");
        CalculatorCatalog.Find("MELD Na")!.Id.Should().Be("meld-na");
        CalculatorCatalog.Find("qtc")!.Id.Should().Be("qtc-bazett");
        CalculatorCatalog.Find("no-such-score").Should().BeNull();
    }

    [Fact]
    public void A_missing_required_input_is_reported_with_its_field_name_and_accepted_range()
    {
        var errors = Calc.Errors("ckd-epi-2021", ("age", "50"), ("sex", "male"));

        errors.Should().ContainKey("inputs.creatinine");
        errors["inputs.creatinine"].Should().Contain("required").And.Contain("0.1–40 mg/dL").And.Contain("µmol/L");
    }

    [Fact]
    public void An_impossible_value_is_rejected_naming_the_field_and_range_rather_than_computed()
    {
        var errors = Calc.Errors("ckd-epi-2021", ("age", "50"), ("sex", "male"), ("creatinine", "97"));

        errors["inputs.creatinine"].Should().Contain("between 0.1 and 40 mg/dL").And.Contain("got 97");
    }

    [Fact]
    public void An_unknown_unit_is_rejected_listing_the_units_that_are_accepted()
    {
        var errors = Calc.Errors("bmi", ("weight", "70 stone"), ("height", "170 cm"));

        errors["inputs.weight"].Should().Contain("'stone' is not a unit").And.Contain("kg").And.Contain("lb");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Calc.Errors("bmi", ("weight", "heavy"), ("height", "-4 cm"));

        errors.Keys.Should().BeEquivalentTo("inputs.weight", "inputs.height");
    }

    [Fact]
    public void A_choice_outside_its_options_lists_the_options()
    {
        var errors = Calc.Errors("ckd-epi-2021", ("age", "50"), ("sex", "unknown-value"), ("creatinine", "1"));

        errors["inputs.sex"].Should().Contain("male, female");
    }

    [Fact]
    public void Inputs_the_calculator_does_not_use_are_ignored_and_said_so()
    {
        var result = Calc.Run("bmi", ("weight", "70"), ("height", "175"), ("favouriteColour", "blue"));

        result.Notes.Should().Contain(n => n.Contains("favouriteColour"));
    }

    [Fact]
    public void Criteria_not_mentioned_count_as_absent_and_the_result_says_which()
    {
        var result = Calc.Run("cha2ds2-vasc", ("age", "70"), ("sex", "female"));

        result.Value.Should().Be(2);
        result.Notes.Should().Contain(n => n.StartsWith("Not stated, counted as absent") && n.Contains("Hypertension"));
    }

    [Fact]
    public void Every_calculator_declares_a_source_prompts_and_valid_ranges_for_its_numbers()
    {
        foreach (var calculator in CalculatorCatalog.All)
        {
            calculator.Sources.Should().NotBeEmpty(calculator.Id);
            calculator.Inputs.Should().OnlyContain(i => i.Prompt.EndsWith('?'), calculator.Id);
            calculator.Inputs.Where(i => i.Kind == InputKind.Number).All(i => i.Min < i.Max && i.Quantity != null).Should().BeTrue(calculator.Id);
        }
    }

    [Fact]
    public void No_two_inputs_of_a_calculator_share_a_name_or_synonym()
    {
        foreach (var calculator in CalculatorCatalog.All)
        {
            var keys = calculator.Inputs.SelectMany(i => i.Synonyms.Append(i.Name).Append(i.Label).Select(InputReader.Key).Distinct().Select(k => (Key: k, i.Name)));
            keys.GroupBy(k => k.Key).Where(g => g.Select(x => x.Name).Distinct().Count() > 1).Select(g => $"{calculator.Id}: {g.Key}")
                .Should().BeEmpty();
        }
    }

    [Fact]
    public void Calculator_ids_and_aliases_are_unique()
    {
        var keys = CalculatorCatalog.All.SelectMany(c => c.Aliases.Append(c.Id).Select(InputReader.Key).Distinct()).ToList();

        keys.Should().OnlyHaveUniqueItems();
    }
}
