namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class CardiologyTests
{
    [Fact]
    public void Cha2ds2vasc_of_a_72_year_old_woman_with_hypertension_and_diabetes_is_4()
    {
        var result = Calc.Run("cha2ds2-vasc", ("age", "72"), ("sex", "female"), ("hypertension", "yes"), ("diabetes", "yes"));

        result.Value.Should().Be(4);
        result.Category.Should().Be("High");
        result.Breakdown.Should().HaveCount(7);
        result.Sources[0].Pmid.Should().Be("19762550");
    }

    [Theory]
    [InlineData(64, 0)]
    [InlineData(65, 1)]
    [InlineData(74, 1)]
    [InlineData(75, 2)]
    public void Cha2ds2vasc_age_points_change_at_65_and_75(int age, int points) =>
        Calc.Run("cha2ds2-vasc", ("age", age.ToString()), ("sex", "male")).Points("Age").Should().Be(points);

    [Fact]
    public void Cha2ds2vasc_maximum_is_9_for_an_elderly_woman_with_every_factor() =>
        Calc.Value("cha2ds2-vasc", ("age", "80"), ("sex", "f"), ("chf", "y"), ("hypertension", "y"), ("strokeTia", "y"), ("vascularDisease", "y"), ("diabetes", "y")).Should().Be(9);

    [Fact]
    public void Cha2ds2vasc_female_sex_alone_is_low_risk() =>
        Calc.Run("cha2ds2-vasc", ("age", "50"), ("sex", "female")).Category.Should().Be("Low");

    [Fact]
    public void Has_bled_counts_age_over_65_not_65_itself()
    {
        Calc.Value("has-bled", ("age", "65")).Should().Be(0);
        Calc.Value("has-bled", ("age", "66")).Should().Be(1);
    }

    [Fact]
    public void Has_bled_of_3_is_high_risk_with_the_derivation_bleeding_rate()
    {
        var result = Calc.Run("has-bled", ("age", "70"), ("hypertension", "yes"), ("drugs", "yes"));

        result.Value.Should().Be(3);
        result.Category.Should().Be("High");
        result.Interpretation.Should().Contain("3.74");
    }

    [Theory]
    [InlineData("slightly", "normal", "40", "normal", 0, "Low")]
    [InlineData("moderately", "nonspecific", "50", "normal", 3, "Low")]
    [InlineData("highly", "st deviation", "66", "1-3x", 7, "High")]
    public void Heart_score_sums_the_five_elements(string history, string ecg, string age, string troponin, double expected, string category)
    {
        var result = Calc.Run("heart", ("history", history), ("ecg", ecg), ("age", age), ("troponin", troponin));

        result.Value.Should().Be(expected);
        result.Category.Should().Be(category);
    }

    [Fact]
    public void Heart_score_gives_two_risk_factor_points_for_known_atherosclerosis() =>
        Calc.Run("heart", ("history", "slightly"), ("ecg", "normal"), ("age", "40"), ("troponin", "normal"), ("atheroscleroticDisease", "yes"))
            .Points("Risk factors").Should().Be(2);

    [Fact]
    public void Heart_score_counts_individual_risk_factor_flags() =>
        Calc.Run("heart", ("history", "0"), ("ecg", "0"), ("age", "44"), ("troponin", "0"), ("hypertension", "yes"), ("smoking", "yes"), ("diabetes", "yes"))
            .Points("Risk factors").Should().Be(2);

    [Fact]
    public void Rcri_uses_a_creatinine_above_2_mg_per_dl()
    {
        Calc.Value("rcri", ("creatinine", "2.0")).Should().Be(0);
        Calc.Value("rcri", ("creatinine", "180 umol/L")).Should().Be(1);
        Calc.Run("rcri", ("highRiskSurgery", "yes"), ("ischemicHeartDisease", "yes"), ("insulin", "yes")).Category.Should().Be("Class IV");
    }

    [Fact]
    public void Grace_in_hospital_points_follow_the_granger_nomogram()
    {
        var result = Calc.Run("grace", ("age", "65"), ("heartRate", "95"), ("systolicBp", "130"), ("creatinine", "1.3"), ("killipClass", "I"), ("cardiacArrest", "no"), ("stDeviation", "yes"), ("elevatedEnzymes", "yes"));

        result.Value.Should().Be(58 + 15 + 34 + 10 + 0 + 28 + 14);
        result.Category.Should().Be("High");
    }

    [Theory]
    [InlineData("49", 25)]
    [InlineData("50", 41)]
    [InlineData("89", 91)]
    [InlineData("90", 100)]
    public void Grace_age_points_change_at_each_decade(string age, double points) =>
        Calc.Run("grace", ("age", age), ("heartRate", "60"), ("systolicBp", "150"), ("creatinine", "1"), ("killipClass", "2")).Points("Age").Should().Be(points);

    [Fact]
    public void Grace_6_month_points_follow_the_eagle_post_discharge_nomogram()
    {
        var result = Calc.Run("grace-6-month", ("age", "72"), ("heartRate", "95"), ("systolicBp", "110"), ("creatinine", "1.7"),
            ("chfHistory", "yes"), ("miHistory", "yes"), ("stDepression", "yes"), ("elevatedEnzymes", "yes"), ("inHospitalPci", "no"));

        result.Value.Should().Be(73 + 24 + 12 + 14 + 18 + 11 + 9 + 15 + 14);
        result.Category.Should().Be("High");
        result.Points("No in-hospital PCI").Should().Be(14);
        result.Sources.Should().Contain(s => s.Pmid == "15187054");
    }

    [Fact]
    public void Grace_6_month_maximum_is_263_and_minimum_is_1()
    {
        Calc.Value("grace-6-month", ("age", "95"), ("heartRate", "210"), ("systolicBp", "70"), ("creatinine", "4.5"),
            ("chfHistory", "yes"), ("miHistory", "yes"), ("stDepression", "yes"), ("elevatedEnzymes", "yes"), ("inHospitalPci", "no")).Should().Be(263);
        Calc.Value("grace-6-month", ("age", "35"), ("heartRate", "45"), ("systolicBp", "210"), ("creatinine", "0.3"), ("inHospitalPci", "yes")).Should().Be(1);
    }

    [Theory]
    [InlineData("39", 0)]
    [InlineData("40", 18)]
    [InlineData("59", 36)]
    [InlineData("60", 55)]
    [InlineData("79", 73)]
    [InlineData("80", 91)]
    [InlineData("90", 100)]
    public void Grace_6_month_age_points_change_at_each_decade(string age, double points) =>
        Calc.Run("grace-6-month", ("age", age), ("heartRate", "60"), ("systolicBp", "150"), ("creatinine", "1"), ("inHospitalPci", "yes")).Points("Age").Should().Be(points);

    [Theory]
    [InlineData("49", "0")]
    [InlineData("50", "3")]
    [InlineData("109", "14")]
    [InlineData("110", "23")]
    [InlineData("199", "35")]
    [InlineData("200", "43")]
    public void Grace_6_month_heart_rate_bands(string rate, string points) =>
        Calc.Run("grace-6-month", ("age", "50"), ("heartRate", rate), ("systolicBp", "150"), ("creatinine", "1"), ("inHospitalPci", "yes")).Points("Resting heart rate").Should().Be(double.Parse(points, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("79", 24)]
    [InlineData("80", 22)]
    [InlineData("119", 18)]
    [InlineData("120", 14)]
    [InlineData("159", 10)]
    [InlineData("160", 4)]
    [InlineData("200", 0)]
    public void Grace_6_month_systolic_pressure_bands(string sbp, double points) =>
        Calc.Run("grace-6-month", ("age", "50"), ("heartRate", "60"), ("systolicBp", sbp), ("creatinine", "1"), ("inHospitalPci", "yes")).Points("Systolic").Should().Be(points);

    [Theory]
    [InlineData("0.39", 1)]
    [InlineData("0.4", 3)]
    [InlineData("1.19", 5)]
    [InlineData("1.2", 7)]
    [InlineData("1.99", 9)]
    [InlineData("2.0", 15)]
    [InlineData("4.0", 20)]
    [InlineData("300 umol/L", 15)]
    public void Grace_6_month_creatinine_bands_in_either_unit(string creatinine, double points) =>
        Calc.Run("grace-6-month", ("age", "50"), ("heartRate", "60"), ("systolicBp", "150"), ("creatinine", creatinine), ("inHospitalPci", "yes")).Points("Initial serum creatinine").Should().Be(points);

    // Age 60-69 (55) + heart rate 70-89 (9) + SBP 140-159 (10) + creatinine 0.8-1.19 (5) = 79, then flags move it across
    // the published cut-offs: <= 88 low, 89-118 intermediate, > 118 high.
    [Theory]
    [InlineData("no", "no", "yes", 79 + 0, "Low")]
    [InlineData("no", "yes", "yes", 79 + 11, "Intermediate")]
    [InlineData("yes", "no", "yes", 79 + 15, "Intermediate")]
    [InlineData("yes", "yes", "no", 79 + 15 + 11 + 14, "High")]
    public void Grace_6_month_categories_follow_the_published_cut_offs(string enzymes, string stDepression, string pci, double total, string category)
    {
        var result = Calc.Run("grace-6-month", ("age", "65"), ("heartRate", "80"), ("systolicBp", "150"), ("creatinine", "1.0"),
            ("elevatedEnzymes", enzymes), ("stDepression", stDepression), ("inHospitalPci", pci));

        result.Value.Should().Be(total);
        result.Category.Should().Be(category);
    }

    [Fact]
    public void Grace_6_month_cut_offs_are_88_and_118()
    {
        // 55 + 3 + 10 + 5 + 15 = 88; one heart-rate band up (+6) gives 94.
        Calc.Run("grace-6-month", ("age", "65"), ("heartRate", "60"), ("systolicBp", "150"), ("creatinine", "1.0"), ("elevatedEnzymes", "yes"), ("inHospitalPci", "yes"))
            .Category.Should().Be("Low");
        // 73 + 9 + 10 + 5 + 11 + 12 = 120 is high; with creatinine 0.5 (3 points) it is 118, still intermediate.
        Calc.Run("grace-6-month", ("age", "75"), ("heartRate", "80"), ("systolicBp", "150"), ("creatinine", "1.0"), ("stDepression", "yes"), ("miHistory", "yes"), ("inHospitalPci", "yes"))
            .Category.Should().Be("High");
        var intermediate = Calc.Run("grace-6-month", ("age", "75"), ("heartRate", "80"), ("systolicBp", "150"), ("creatinine", "0.5"), ("stDepression", "yes"), ("miHistory", "yes"), ("inHospitalPci", "yes"));
        intermediate.Value.Should().Be(118);
        intermediate.Category.Should().Be("Intermediate");
    }

    [Fact]
    public void Grace_6_month_never_assumes_whether_a_pci_was_done() =>
        Calc.Errors("grace-6-month", ("age", "65"), ("heartRate", "80"), ("systolicBp", "150"), ("creatinine", "1.0")).Should().ContainKey("inputs.inHospitalPci");

    [Fact]
    public void Grace_6_month_rejects_impossible_values()
    {
        var errors = Calc.Errors("grace-6-month", ("age", "65"), ("heartRate", "400"), ("systolicBp", "150"), ("creatinine", "1 furlong"), ("inHospitalPci", "maybe"));

        errors.Should().ContainKeys("inputs.heartRate", "inputs.creatinine", "inputs.inHospitalPci");
        errors["inputs.heartRate"].Should().Contain("10").And.Contain("350");
    }

    [Fact]
    public void Framingham_hard_chd_risk_of_a_55_year_old_non_smoking_man_is_about_6_5_percent()
    {
        var result = Calc.Run("framingham", ("age", "55"), ("sex", "male"), ("totalCholesterol", "213"), ("hdl", "50"), ("systolicBp", "120"));

        result.Value.Should().BeApproximately(6.51, 0.01);
        result.Category.Should().Be("Low");
    }

    [Fact]
    public void Framingham_accepts_cholesterol_in_mmol_per_litre() =>
        Calc.Value("framingham", ("age", "60"), ("sex", "male"), ("totalCholesterol", "6.206 mmol/L"), ("hdl", "1.034 mmol/L"), ("systolicBp", "150"), ("smoker", "yes"), ("bloodPressureTreated", "yes"))
            .Should().BeApproximately(29.22, 0.05);

    [Fact]
    public void Framingham_rejects_ages_outside_the_tables() =>
        Calc.Errors("framingham", ("age", "85"), ("sex", "female"), ("totalCholesterol", "200"), ("hdl", "50"), ("systolicBp", "120")).Should().ContainKey("inputs.age");

    [Fact]
    public void Qtc_at_60_beats_per_minute_equals_the_qt_for_every_formula()
    {
        var result = Calc.Run("qtc-bazett", ("qtInterval", "400 ms"), ("heartRate", "60 bpm"));

        result.Outputs.Where(o => o.Name.StartsWith("qtc")).Should().OnlyContain(o => Math.Abs(o.Value!.Value - 400) < 0.01);
    }

    [Theory]
    [InlineData("qtc-bazett", 451.8)]
    [InlineData("qtc-fridericia", 415.0)]
    [InlineData("qtc-framingham", 411.6)]
    [InlineData("qtc-hodges", 420.0)]
    [InlineData("qtc-rautaharju", 427.8)]
    public void Qtc_of_350_ms_at_100_beats_per_minute_by_each_formula(string id, double expected) =>
        Calc.Value(id, ("qtInterval", "0.35 s"), ("heartRate", "100")).Should().BeApproximately(expected, 0.05);

    [Fact]
    public void Qtc_prolongation_threshold_depends_on_sex()
    {
        Calc.Run("qtc-hodges", ("qt", "420"), ("hr", "80"), ("sex", "male")).Category.Should().Be("Prolonged");
        Calc.Run("qtc-hodges", ("qt", "420"), ("hr", "80"), ("sex", "female")).Category.Should().Be("Normal");
    }

    [Fact]
    public void Mean_arterial_pressure_of_120_over_80_is_93_3() =>
        Calc.Value("map", ("systolicBp", "120 mmHg"), ("diastolicBp", "80")).Should().BeApproximately(93.3, 0.05);

    [Fact]
    public void Mean_arterial_pressure_rejects_a_diastolic_above_the_systolic() =>
        Calc.Errors("map", ("systolicBp", "80"), ("diastolicBp", "120")).Should().ContainKey("inputs.diastolicBp");

    [Fact]
    public void Friedewald_ldl_of_200_total_50_hdl_150_triglycerides_is_120()
    {
        var result = Calc.Run("ldl-friedewald", ("totalCholesterol", "200"), ("hdl", "50"), ("triglycerides", "150"));

        result.Value.Should().Be(120);
        result.Category.Should().Be("Near optimal");
    }

    [Fact]
    public void Friedewald_is_refused_at_triglycerides_of_400_mg_per_dl_or_more() =>
        Calc.Errors("ldl-friedewald", ("totalCholesterol", "250"), ("hdl", "40"), ("triglycerides", "4.6 mmol/L"))["inputs.triglycerides"].Should().Contain("400 mg/dL");
}
