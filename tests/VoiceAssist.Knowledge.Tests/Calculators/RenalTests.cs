namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class RenalTests
{
    [Fact]
    public void Cockcroft_gault_of_a_60_year_old_72_kg_man_with_creatinine_1_is_80_ml_per_min()
    {
        var result = Calc.Run("cockcroft-gault", ("age", "60"), ("sex", "male"), ("weight", "72"), ("creatinine", "1.0"));

        result.Value.Should().Be(80);
        result.Notes.Should().Contain(n => n.Contains("actual body weight"));
    }

    [Fact]
    public void Cockcroft_gault_applies_0_85_for_women() =>
        Calc.Value("cockcroft-gault", ("age", "75"), ("sex", "female"), ("weight", "60"), ("creatinine", "1.3")).Should().BeApproximately(35.4, 0.05);

    [Fact]
    public void Cockcroft_gault_uses_adjusted_weight_for_an_obese_patient_when_height_is_known()
    {
        var result = Calc.Run("cockcroft-gault", ("age", "50"), ("sex", "male"), ("weight", "100"), ("height", "175"), ("creatinine", "1.0"));

        result.Value.Should().BeApproximately(102.8, 0.05);
        result.Output("crclActualWeight").Should().BeApproximately(125, 0.05);
        result.Output("adjustedBodyWeight").Should().BeApproximately(82.3, 0.05);
        result.Notes.Should().Contain(n => n.Contains("adjusted body weight (BMI ≥ 25)"));
    }

    [Theory]
    [InlineData("actual", 125)]
    [InlineData("ideal", 88.1)]
    [InlineData("adjusted", 102.8)]
    public void Cockcroft_gault_weight_can_be_chosen(string weightType, double expected) =>
        Calc.Value("cockcroft-gault", ("age", "50"), ("sex", "male"), ("weight", "100"), ("height", "175"), ("creatinine", "1.0"), ("weightType", weightType)).Should().BeApproximately(expected, 0.05);

    [Fact]
    public void Cockcroft_gault_with_ideal_weight_needs_a_height() =>
        Calc.Errors("cockcroft-gault", ("age", "50"), ("sex", "male"), ("weight", "100"), ("creatinine", "1.0"), ("weightType", "ideal")).Should().ContainKey("inputs.height");

    [Theory]
    [InlineData(50, "male", "1.0", 91.7)]
    [InlineData(60, "female", "0.8", 84.3)]
    [InlineData(70, "male", "176.8 umol/L", 35.2)]
    public void Ckd_epi_2021_matches_the_published_equation(int age, string sex, string creatinine, double expected) =>
        Calc.Value("ckd-epi-2021", ("age", age.ToString()), ("sex", sex), ("creatinine", creatinine)).Should().BeApproximately(expected, 0.05);

    [Fact]
    public void Ckd_epi_2021_has_no_race_input() =>
        Calc.Run("ckd-epi-2021", ("age", "50"), ("sex", "male"), ("creatinine", "1"), ("race", "black")).Notes.Should().Contain(n => n.Contains("'race'"));

    [Theory]
    [InlineData("1.2", "G2")]
    [InlineData("1.5", "G3a")]
    [InlineData("3.5", "G4")]
    public void Ckd_epi_2021_reports_the_kdigo_gfr_category(string creatinine, string category) =>
        Calc.Run("ckd-epi-2021", ("age", "60"), ("sex", "male"), ("creatinine", creatinine)).Category.Should().Be(category);

    [Fact]
    public void Mdrd_matches_the_idms_traceable_equation()
    {
        Calc.Value("mdrd", ("age", "60"), ("sex", "male"), ("creatinine", "1.2")).Should().BeApproximately(61.8, 0.05);
        Calc.Value("mdrd", ("age", "55"), ("sex", "female"), ("creatinine", "1.0"), ("black", "yes")).Should().BeApproximately(69.8, 0.05);
    }

    [Fact]
    public void Fena_below_1_percent_suggests_a_prerenal_cause()
    {
        var result = Calc.Run("fena", ("sodium", "140"), ("creatinine", "2.0"), ("urineSodium", "10"), ("urineCreatinine", "200"));

        result.Value.Should().BeApproximately(0.07, 0.005);
        result.Category.Should().Be("Prerenal");
    }

    [Fact]
    public void Fena_accepts_creatinine_in_different_units_for_serum_and_urine() =>
        Calc.Value("fena", ("sodium", "135"), ("creatinine", "265 umol/L"), ("urineSodium", "60"), ("urineCreatinine", "40 mg/dL")).Should().BeApproximately(60 * 3.0 / (135 * 40) * 100, 0.01);

    [Fact]
    public void Renal_dosing_of_apixaban_at_a_crcl_of_25_gives_the_band_and_its_label()
    {
        var result = Calc.Run("renal-dosing", ("drug", "Eliquis"), ("crcl", "25"));

        result.Category.Should().Be("CrCl 15–<30 mL/min");
        result.Interpretation.Should().Contain("2.5 mg twice daily");
        result.Notes.Should().Contain(n => n.Contains("Eliquis"));
    }

    [Theory]
    [InlineData("metformin", "egfr", "29", "Contraindicated")]
    [InlineData("metformin", "egfr", "30", "do not start")]
    [InlineData("dabigatran", "crcl", "29", "75 mg twice daily")]
    [InlineData("gabapentin", "crcl", "45", "400–1400 mg/day")]
    [InlineData("levetiracetam", "crcl", "80", "500–1000 mg every 12 hours")]
    [InlineData("enoxaparin", "crcl", "20", "30 mg subcutaneously once daily")]
    [InlineData("nitrofurantoin", "crcl", "25", "Avoid")]
    [InlineData("vancomycin", "crcl", "10", "not reduced for kidney function")]
    [InlineData("rivaroxaban", "crcl", "50", "15 mg once daily")]
    [InlineData("rivaroxaban", "crcl", "51", "20 mg once daily")]
    [InlineData("edoxaban", "crcl", "95", "60 mg once daily")]
    public void Renal_dosing_bands_follow_the_boundaries_of_each_label(string drug, string measure, string value, string expected) =>
        Calc.Run("renal-dosing", ("drug", drug), (measure, value)).Interpretation.Should().Contain(expected);

    [Fact]
    public void Renal_dosing_says_when_the_other_measure_stands_in() =>
        Calc.Run("renal-dosing", ("drug", "metformin"), ("crcl", "50")).Notes.Should().Contain(n => n.Contains("written for eGFR; CrCl was used"));

    [Fact]
    public void Renal_dosing_needs_a_kidney_function_value() =>
        Calc.Errors("renal-dosing", ("drug", "apixaban")).Should().ContainKey("inputs.crcl");

    [Fact]
    public void Renal_dosing_rejects_a_drug_not_in_the_table() =>
        Calc.Errors("renal-dosing", ("drug", "aspirin"), ("crcl", "50"))["inputs.drug"].Should().Contain("metformin");
}
