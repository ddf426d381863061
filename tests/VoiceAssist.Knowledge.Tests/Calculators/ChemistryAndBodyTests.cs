namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class ChemistryAndBodyTests
{
    [Fact]
    public void Anion_gap_of_sodium_140_chloride_100_bicarbonate_14_is_26_with_delta_ratio_1_4()
    {
        var result = Calc.Run("anion-gap", ("sodium", "140"), ("chloride", "100"), ("bicarbonate", "14"));

        result.Value.Should().Be(26);
        result.Category.Should().Be("Elevated");
        result.Output("deltaGap").Should().Be(14);
        result.Output("deltaRatio").Should().Be(1.4);
    }

    [Fact]
    public void Albumin_corrected_anion_gap_adds_2_5_per_g_per_dl_of_missing_albumin()
    {
        Calc.Value("albumin-corrected-anion-gap", ("sodium", "140"), ("chloride", "100"), ("bicarbonate", "14"), ("albumin", "20 g/L")).Should().Be(31);
        Calc.Value("albumin-corrected-delta-gap", ("sodium", "140"), ("chloride", "100"), ("bicarbonate", "14"), ("albumin", "2")).Should().Be(19);
        Calc.Value("albumin-corrected-delta-ratio", ("sodium", "140"), ("chloride", "100"), ("bicarbonate", "14"), ("albumin", "2")).Should().Be(1.9);
    }

    [Theory]
    [InlineData("20", "Normal anion gap acidosis")]
    [InlineData("14", "High anion gap acidosis")]
    [InlineData("22", "High anion gap acidosis with alkalosis")]
    public void Delta_ratio_interpretation_follows_its_bands(string bicarbonate, string category) =>
        Calc.Run("delta-ratio", ("sodium", "140"), ("chloride", bicarbonate == "20" ? "108" : "100"), ("bicarbonate", bicarbonate)).Category.Should().Be(category);

    [Fact]
    public void Delta_ratio_is_refused_when_bicarbonate_is_normal() =>
        Calc.Errors("delta-ratio", ("sodium", "140"), ("chloride", "100"), ("bicarbonate", "24")).Should().ContainKey("inputs.bicarbonate");

    [Fact]
    public void Corrected_calcium_of_8_with_albumin_2_is_9_6()
    {
        var result = Calc.Run("corrected-calcium", ("calcium", "8.0 mg/dL"), ("albumin", "2.0 g/dL"));

        result.Value.Should().Be(9.6);
        result.Output("correctedCalciumMmol").Should().Be(2.4);
    }

    [Fact]
    public void Corrected_calcium_accepts_si_units() =>
        Calc.Value("corrected-calcium", ("calcium", "2.0 mmol/L"), ("albumin", "30 g/L")).Should().BeApproximately(8.02 + 0.8, 0.01);

    [Fact]
    public void Serum_osmolality_is_2_sodium_plus_glucose_over_18_plus_bun_over_2_8()
    {
        var result = Calc.Run("serum-osmolality", ("sodium", "140"), ("glucose", "180"), ("bun", "28"), ("measuredOsmolality", "320"));

        result.Value.Should().Be(300);
        result.Output("osmolalGap").Should().Be(20);
        result.Interpretation.Should().Contain("Osmolal gap > 10");
    }

    [Fact]
    public void Serum_osmolality_accepts_glucose_and_urea_in_mmol_per_litre() =>
        Calc.Value("serum-osmolality", ("sodium", "140 mmol/L"), ("glucose", "10 mmol/L"), ("urea", "10 mmol/L")).Should().BeApproximately(280 + 10.01 + 10.0, 0.05);

    [Theory]
    [InlineData("40", "male", 4.2)]
    [InlineData("40", "female", 3.5)]
    [InlineData("70", "male", 3.5)]
    [InlineData("70", "female", 3.15)]
    [InlineData("10", "female", 4.2)]
    public void Free_water_deficit_uses_the_body_water_fraction_for_age_and_sex(string age, string sex, double expected) =>
        Calc.Value("free-water-deficit", ("age", age), ("sex", sex), ("weight", "70"), ("sodium", "154")).Should().BeApproximately(expected, 0.005);

    [Fact]
    public void Sodium_corrected_for_a_glucose_of_600_is_142_by_hillier_and_138_by_katz()
    {
        var result = Calc.Run("sodium-correction", ("sodium", "130"), ("glucose", "600 mg/dL"));

        result.Value.Should().Be(142);
        result.Output("katz").Should().Be(138);
    }

    [Fact]
    public void Homa_ir_with_insulin_10_and_glucose_90_mg_per_dl_is_2_22()
    {
        Calc.Value("homa-ir", ("insulin", "10 uIU/mL"), ("glucose", "90 mg/dL")).Should().Be(2.22);
        Calc.Value("homa-ir", ("insulin", "60 pmol/L"), ("glucose", "5 mmol/L")).Should().Be(2.22);
    }

    [Fact]
    public void A_ratio_keeps_its_full_precision_beside_the_rounded_display()
    {
        // Sodium 140, chloride 113.676, bicarbonate 14: anion gap 12.324, delta ratio 0.324 / 10 = 0.0324, shown as 0.03.
        var result = Calc.Run("delta-ratio", ("sodium", "140"), ("chloride", "113.676"), ("bicarbonate", "14"));

        result.Value.Should().BeApproximately(0.0324, 1e-9);
        result.RoundedValue.Should().Be(0.03);
        result.DisplayValue.Should().Be("0.03");
    }

    [Fact]
    public void A_negative_free_water_deficit_keeps_its_full_precision()
    {
        // Adrogué–Madias: total body water 0.6 × 71 kg = 42.6 L; 42.6 × (139 / 140 − 1) = −0.3043 L.
        var result = Calc.Run("free-water-deficit", ("age", "40"), ("sex", "male"), ("weight", "71"), ("sodium", "139"));

        result.Value.Should().BeApproximately(42.6 * (139.0 / 140 - 1), 1e-12);
        result.RoundedValue.Should().Be(-0.3);
        result.DisplayValue.Should().Be("-0.3 L");
        result.Outputs.Single(o => o.Name == "totalBodyWater").Should().Match<Contracts.Calculators.CalculatorOutput>(o => o.RoundedValue == 42.6 && o.DisplayValue == "42.6 L");
    }

    [Theory]
    [InlineData("70", "175", 22.9, "Normal weight")]
    [InlineData("154 lbs", "5'9\"", 22.7, "Normal weight")]
    [InlineData("76.5", "175", 25.0, "Overweight (pre-obese)")]
    [InlineData("56.6", "175", 18.5, "Normal weight")]
    [InlineData("125", "175", 40.8, "Obesity class III")]
    public void Bmi_and_its_who_category(string weight, string height, double bmi, string category)
    {
        var result = Calc.Run("bmi", ("weight", weight), ("height", height));

        result.RoundedValue.Should().Be(bmi);
        result.Value.Should().BeApproximately(bmi, 0.05);
        result.Category.Should().Be(category);
    }

    [Fact]
    public void Mosteller_surface_area_of_180_cm_and_80_kg_is_2_m2()
    {
        var result = Calc.Run("bsa", ("weight", "80"), ("height", "180"));

        result.Value.Should().Be(2.0);
        result.Output("duBois").Should().Be(2.0);
    }

    [Fact]
    public void Devine_ideal_body_weight_is_45_5_kg_for_a_woman_of_5_feet() =>
        Calc.Value("ideal-body-weight", ("sex", "female"), ("height", "60 in")).Should().Be(45.5);

    [Fact]
    public void Adjusted_body_weight_adds_40_percent_of_the_excess_over_ideal() =>
        Calc.Value("adjusted-body-weight", ("sex", "male"), ("height", "175 cm"), ("weight", "100 kg")).Should().Be(82.3);

    [Fact]
    public void Target_weight_for_bmi_25_at_1_8_m_is_81_kg() =>
        Calc.Value("target-weight", ("height", "1.8 m"), ("targetBmi", "25")).Should().Be(81);

    [Theory]
    [InlineData("8", 32)]
    [InlineData("15", 50)]
    [InlineData("70", 110)]
    public void Maintenance_fluids_follow_the_4_2_1_rule(string weight, double rate) =>
        Calc.Value("maintenance-fluids", ("weight", weight)).Should().Be(rate);
}
