namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class ScoreTests
{
    [Fact]
    public void Wells_dvt_with_cancer_and_calf_swelling_but_an_equally_likely_alternative_is_0()
    {
        var result = Calc.Run("wells-dvt", ("activeCancer", "yes"), ("calfSwelling", "yes"), ("alternativeDiagnosisLikely", "yes"));

        result.Value.Should().Be(0);
        result.Category.Should().Be("Low");
    }

    [Theory]
    [InlineData(2, "Moderate", "DVT likely")]
    [InlineData(3, "High", "DVT likely")]
    [InlineData(1, "Moderate", "DVT unlikely")]
    public void Wells_dvt_categories(int items, string category, string twoTier)
    {
        var flags = new[] { "activeCancer", "calfSwelling", "pittingEdema" }.Take(items).Select(f => (f, "yes")).ToArray();
        var result = Calc.Run("wells-dvt", flags);

        result.Category.Should().Be(category);
        result.Interpretation.Should().Contain(twoTier);
    }

    [Fact]
    public void Wells_pe_with_dvt_signs_and_tachycardia_is_4_5_and_pe_likely()
    {
        var result = Calc.Run("wells-pe", ("dvtSigns", "yes"), ("heartRate", "110"));

        result.Value.Should().Be(4.5);
        result.Category.Should().Be("Moderate");
        result.Interpretation.Should().Contain("PE likely (> 4)");
    }

    [Fact]
    public void Wells_pe_heart_rate_of_100_scores_nothing() =>
        Calc.Value("wells-pe", ("heartRate", "100")).Should().Be(0);

    [Fact]
    public void Perc_is_negative_only_when_all_eight_criteria_are_absent()
    {
        Calc.Run("perc", ("age", "49"), ("heartRate", "99"), ("oxygenSaturation", "95%")).Category.Should().Be("PERC negative");
        Calc.Run("perc", ("age", "50"), ("heartRate", "99"), ("oxygenSaturation", "0.95")).Category.Should().Be("PERC positive");
        Calc.Run("perc", ("age", "30"), ("heartRate", "80"), ("oxygenSaturation", "94")).Value.Should().Be(1);
    }

    [Fact]
    public void Caprini_of_a_65_year_old_for_elective_knee_replacement_with_varicose_veins_is_8()
    {
        var result = Calc.Run("caprini", ("age", "65"), ("electiveArthroplasty", "yes"), ("varicoseVeins", "yes"));

        result.Value.Should().Be(2 + 5 + 1);
        result.Category.Should().Be("Highest");
    }

    [Fact]
    public void Curb65_of_a_confused_70_year_old_with_urea_8_mmol_per_litre_is_3()
    {
        var result = Calc.Run("curb-65", ("confusion", "yes"), ("urea", "8 mmol/L"), ("respiratoryRate", "22"), ("systolicBp", "110"), ("diastolicBp", "70"), ("age", "70"));

        result.Value.Should().Be(3);
        result.Interpretation.Should().Contain("14.5%");
    }

    [Theory]
    [InlineData("29", "91", "61", 0)]
    [InlineData("30", "91", "61", 1)]
    [InlineData("20", "89", "70", 1)]
    [InlineData("20", "120", "60", 1)]
    public void Curb65_respiratory_and_blood_pressure_cut_offs(string rr, string sbp, string dbp, double expected) =>
        Calc.Value("curb-65", ("bun", "10"), ("respiratoryRate", rr), ("systolicBp", sbp), ("diastolicBp", dbp), ("age", "40")).Should().Be(expected);

    [Fact]
    public void Psi_of_a_woman_of_70_from_a_nursing_home_with_heart_failure_is_class_iii()
    {
        var result = Calc.Run("psi", ("age", "70"), ("sex", "female"), ("nursingHomeResident", "yes"), ("chf", "yes"), ("respiratoryRate", "24"), ("systolicBp", "120"), ("temperature", "38.2"), ("heartRate", "100"));

        result.Value.Should().Be(60 + 10 + 10);
        result.Category.Should().Be("Class III");
    }

    [Fact]
    public void Psi_class_i_is_for_the_young_without_comorbidity_or_abnormal_signs()
    {
        Calc.Run("psi", ("age", "40"), ("sex", "male"), ("respiratoryRate", "18"), ("systolicBp", "120"), ("temperature", "37.5"), ("heartRate", "90")).Category.Should().Be("Class I");
        Calc.Run("psi", ("age", "40"), ("sex", "male"), ("respiratoryRate", "18"), ("systolicBp", "120"), ("temperature", "37.5"), ("heartRate", "90"), ("bun", "35")).Category.Should().Be("Class I");
        Calc.Run("psi", ("age", "51"), ("sex", "male"), ("respiratoryRate", "18"), ("systolicBp", "120"), ("temperature", "37.5"), ("heartRate", "90")).Category.Should().Be("Class II");
    }

    [Fact]
    public void Psi_scores_low_oxygen_saturation_and_acidosis()
    {
        var result = Calc.Run("psi", ("age", "60"), ("sex", "male"), ("respiratoryRate", "18"), ("systolicBp", "120"), ("temperature", "37"), ("heartRate", "90"), ("ph", "7.30"), ("oxygenSaturation", "88%"));

        result.Value.Should().Be(60 + 30 + 10);
    }

    [Theory]
    [InlineData("10", 5)]
    [InlineData("30", 4)]
    [InlineData("45", 3)]
    public void Centor_mcisaac_adjusts_for_age(string age, double expected)
    {
        var result = Calc.Run("centor", ("age", age), ("tonsillarExudate", "yes"), ("tenderAnteriorNodes", "yes"), ("fever", "yes"), ("coughAbsent", "yes"));

        result.Value.Should().Be(expected);
        result.Output("originalCentor").Should().Be(4);
    }

    [Fact]
    public void Feverpain_of_4_is_high() =>
        Calc.Run("feverpain", ("fever", "y"), ("purulence", "y"), ("attendRapidly", "y"), ("noCoughOrCoryza", "y")).Category.Should().Be("High");

    [Fact]
    public void Gcs_of_eyes_to_voice_confused_and_localising_is_12()
    {
        var result = Calc.Run("gcs", ("eye", "to voice"), ("verbal", "confused"), ("motor", "localizes pain"));

        result.Value.Should().Be(12);
        result.Category.Should().Be("Moderate");
    }

    [Fact]
    public void Gcs_components_may_be_given_as_numbers() =>
        Calc.Run("gcs", ("e", "1"), ("v", "1"), ("m", "4")).Should().Match<Contracts.Calculators.CalculatorResult>(r => r.Value == 6 && r.Category == "Severe");

    [Fact]
    public void Gcs_with_the_verbal_response_not_testable_reports_the_components_and_no_total()
    {
        // Glasgow structured approach (glasgowcomascale.org FAQ; Teasdale et al., Lancet Neurol 2014): an intubated
        // patient's verbal response is recorded as not testable, never as 1, and no total score is reported.
        var result = Calc.Run("gcs", ("eye", "to voice"), ("verbal", "intubated"), ("motor", "localises pain"));

        result.DisplayValue.Should().Be("E3 VT M5");
        result.Value.Should().BeNull();
        result.RoundedValue.Should().BeNull();
        result.Category.Should().BeNull();
        result.Interpretation.Should().Contain("not testable").And.Contain("no total score");
        result.Outputs.Select(o => (o.Name, o.Value)).Should().Equal(("eye", 3.0), ("motor", 5.0));
        result.Breakdown.Single(b => b.Criterion == "Verbal response").Value.Should().Be("Not testable (NT)");
    }

    [Fact]
    public void Gcs_accepts_not_testable_for_any_component()
    {
        Calc.Run("gcs", ("eye", "NT"), ("verbal", "confused"), ("motor", "obeys")).DisplayValue.Should().Be("ET V4 M6");
        Calc.Run("gcs", ("eye", "spontaneous"), ("verbal", "oriented"), ("motor", "not testable")).DisplayValue.Should().Be("E4 V5 MT");
    }

    [Fact]
    public void Gcs_with_every_component_tested_still_gives_the_components_beside_the_total()
    {
        var result = Calc.Run("gcs", ("eye", "3"), ("verbal", "4"), ("motor", "5"));

        result.Value.Should().Be(12);
        result.Interpretation.Should().StartWith("E3 V4 M5.");
    }

    [Fact]
    public void Gcs_rejects_a_motor_score_of_7() =>
        Calc.Errors("gcs", ("eye", "4"), ("verbal", "5"), ("motor", "7")).Should().ContainKey("inputs.motor");

    [Theory]
    [InlineData("22", "100", "no", 2)]
    [InlineData("21", "101", "yes", 1)]
    public void Qsofa_cut_offs_are_22_breaths_and_100_mmhg(string rr, string sbp, string altered, double expected) =>
        Calc.Value("qsofa", ("respiratoryRate", rr), ("systolicBp", sbp), ("alteredMentation", altered)).Should().Be(expected);

    [Fact]
    public void Sirs_with_fever_tachycardia_and_suspected_infection_is_sepsis_by_the_1992_definition()
    {
        var result = Calc.Run("sirs", ("temperature", "38.5"), ("heartRate", "95"), ("respiratoryRate", "18"), ("wbc", "11"), ("suspectedInfection", "yes"));

        result.Value.Should().Be(2);
        result.Category.Should().Be("Sepsis (1992 definition)");
    }

    [Fact]
    public void Sirs_counts_a_low_paco2_and_bands() =>
        Calc.Value("sirs", ("temperature", "37"), ("heartRate", "80"), ("respiratoryRate", "16"), ("paco2", "30"), ("wbc", "8000/uL"), ("bands", "12%")).Should().Be(2);

    [Fact]
    public void News2_of_a_patient_on_oxygen_with_tachypnoea_and_tachycardia_is_medium()
    {
        var result = Calc.Run("news2", ("respiratoryRate", "22"), ("oxygenSaturation", "95"), ("supplementalOxygen", "yes"), ("systolicBp", "115"), ("heartRate", "105"), ("temperature", "37.0"));

        result.Value.Should().Be(2 + 1 + 2 + 0 + 1 + 0 + 0);
        result.Category.Should().Be("Medium");
    }

    [Fact]
    public void News2_single_red_score_is_low_medium() =>
        Calc.Run("news2", ("respiratoryRate", "16"), ("oxygenSaturation", "98"), ("systolicBp", "120"), ("heartRate", "70"), ("temperature", "37"), ("consciousness", "V")).Category.Should().Be("Low–medium");

    [Fact]
    public void News2_scale_2_does_not_penalise_target_saturations_on_air() =>
        Calc.Run("news2", ("respiratoryRate", "16"), ("oxygenSaturation", "89"), ("hypercapnicScale", "yes"), ("systolicBp", "120"), ("heartRate", "70"), ("temperature", "37")).Value.Should().Be(0);

    [Fact]
    public void Sofa_scores_each_organ_system()
    {
        var result = Calc.Run("sofa", ("pao2", "90"), ("fio2", "50%"), ("mechanicalVentilation", "yes"), ("platelets", "80"), ("gcs", "13"), ("bilirubin", "2.5"), ("meanArterialPressure", "65"), ("norepinephrine", "0.05"), ("creatinine", "2.2"));

        result.Value.Should().Be(3 + 2 + 1 + 2 + 3 + 2);
    }

    [Fact]
    public void Sofa_without_respiratory_support_caps_respiration_at_2() =>
        Calc.Run("sofa", ("pao2", "60"), ("fio2", "0.6"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "0.8"), ("systolicBp", "120"), ("diastolicBp", "80"), ("creatinine", "0.9"))
            .Points("Respiration").Should().Be(2);

    [Fact]
    public void Sofa_takes_the_cardiovascular_points_from_a_vasopressor_without_a_mean_arterial_pressure()
    {
        // Vincent 1996, Table 1: dopamine > 5 or (nor)epinephrine ≤ 0.1 µg/kg/min scores 3 whatever the pressure.
        var result = Calc.Run("sofa", ("pao2", "90"), ("fio2", "50%"), ("mechanicalVentilation", "yes"), ("platelets", "80"), ("gcs", "13"), ("bilirubin", "2.5"), ("norepinephrine", "0.05"), ("creatinine", "2.2"));

        var cardiovascular = result.Breakdown.Single(b => b.Criterion.StartsWith("Cardiovascular", StringComparison.Ordinal));
        cardiovascular.Points.Should().Be(3);
        cardiovascular.DecidedBy.Should().Equal("norepinephrine");
        cardiovascular.Value.Should().Contain("norepinephrine 0.05").And.Contain("MAP not given");
        result.Value.Should().Be(3 + 2 + 2 + 3 + 1 + 2);
    }

    [Theory]
    [InlineData("20", 4, "dopamine")]
    [InlineData("5", 2, "dopamine")]
    public void Sofa_dopamine_bands_decide_the_cardiovascular_points(string dopamine, double points, string decidedBy)
    {
        var result = Calc.Run("sofa", ("pao2", "400"), ("fio2", "21%"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "0.8"), ("dopamine", dopamine), ("creatinine", "0.9"));

        result.Points("Cardiovascular").Should().Be(points);
        result.Breakdown.Single(b => b.Criterion.StartsWith("Cardiovascular", StringComparison.Ordinal)).DecidedBy.Should().Equal(decidedBy);
    }

    [Fact]
    public void Sofa_takes_the_renal_points_from_urine_output_alone()
    {
        // Vincent 1996, Table 1: urine output < 200 mL/day scores 4, the most the renal system can score.
        var result = Calc.Run("sofa", ("pao2", "400"), ("fio2", "21%"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "0.8"), ("meanArterialPressure", "80"), ("urineOutput", "150 mL/day"));

        var renal = result.Breakdown.Single(b => b.Criterion.StartsWith("Renal", StringComparison.Ordinal));
        renal.Points.Should().Be(4);
        renal.DecidedBy.Should().Equal("urineOutput");
        result.Breakdown.Single(b => b.Criterion.StartsWith("Cardiovascular", StringComparison.Ordinal)).DecidedBy.Should().Equal("meanArterialPressure");
        result.Value.Should().Be(4);
    }

    [Fact]
    public void Sofa_with_urine_output_under_500_and_no_creatinine_scores_3_and_says_creatinine_could_score_more()
    {
        var result = Calc.Run("sofa", ("pao2", "400"), ("fio2", "21%"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "0.8"), ("meanArterialPressure", "80"), ("urineOutput", "350"));

        result.Points("Renal").Should().Be(3);
        result.Notes.Should().Contain(n => n.Contains("urine output alone", StringComparison.Ordinal) && n.Contains("5.0 mg/dL", StringComparison.Ordinal));
    }

    [Fact]
    public void Sofa_names_both_renal_criteria_when_both_decide()
    {
        var result = Calc.Run("sofa", ("pao2", "400"), ("fio2", "21%"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "0.8"), ("meanArterialPressure", "80"), ("creatinine", "5.5"), ("urineOutput", "100"));

        result.Breakdown.Single(b => b.Criterion.StartsWith("Renal", StringComparison.Ordinal)).DecidedBy.Should().Equal("creatinine", "urineOutput");
    }

    [Fact]
    public void Sofa_needs_a_creatinine_when_urine_output_scores_nothing() =>
        Calc.Errors("sofa", ("pao2", "90"), ("fio2", "40"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "1"), ("meanArterialPressure", "80"), ("urineOutput", "1500"))
            ["inputs.creatinine"].Should().Contain("500 mL/day");

    [Fact]
    public void Sofa_needs_a_creatinine_or_a_urine_output() =>
        Calc.Errors("sofa", ("pao2", "90"), ("fio2", "40"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "1"), ("meanArterialPressure", "80"))
            .Should().ContainKey("inputs.creatinine");

    [Fact]
    public void Sofa_needs_a_blood_pressure_when_no_vasopressor_is_given() =>
        Calc.Errors("sofa", ("pao2", "90"), ("fio2", "40"), ("platelets", "200"), ("gcs", "15"), ("bilirubin", "1"), ("creatinine", "1"))["inputs.meanArterialPressure"]
            .Should().Contain("unless a vasopressor dose is given");

    [Fact]
    public void Apache_ii_of_a_septic_elderly_medical_patient()
    {
        var result = Calc.Run("apache-ii",
            ("age", "70"), ("temperature", "39.5"), ("meanArterialPressure", "65"), ("heartRate", "120"), ("respiratoryRate", "30"),
            ("fio2", "40"), ("pao2", "65"), ("ph", "7.30"), ("sodium", "132"), ("potassium", "3.3"), ("creatinine", "2.5"), ("acuteRenalFailure", "yes"),
            ("hematocrit", "28"), ("wbc", "22"), ("gcs", "13"));

        result.Value.Should().Be(3 + 2 + 2 + 1 + 1 + 2 + 0 + 1 + 6 + 2 + 2 + 2 + 5);
    }

    [Fact]
    public void Apache_ii_uses_the_a_a_gradient_at_fio2_of_50_percent_or_more()
    {
        var result = Calc.Run("apache-ii",
            ("age", "40"), ("temperature", "37"), ("meanArterialPressure", "80"), ("heartRate", "80"), ("respiratoryRate", "16"),
            ("fio2", "60"), ("aaGradient", "360"), ("ph", "7.4"), ("sodium", "140"), ("potassium", "4"), ("creatinine", "1"),
            ("hematocrit", "40"), ("wbc", "10"), ("gcs", "15"), ("chronicHealth", "yes"), ("admissionType", "elective"));

        result.Value.Should().Be(3 + 2);
    }

    private static readonly (string, string)[] SepticElderlyPatient =
    [
        ("age", "70"), ("temperature", "39.5"), ("meanArterialPressure", "65"), ("heartRate", "120"), ("respiratoryRate", "30"),
        ("fio2", "40"), ("pao2", "65"), ("ph", "7.30"), ("sodium", "132"), ("potassium", "3.3"), ("creatinine", "2.5"), ("acuteRenalFailure", "yes"),
        ("hematocrit", "28"), ("wbc", "22"), ("gcs", "13"),
    ];

    private static readonly (string, string)[] StablePostoperativePatient =
    [
        ("age", "40"), ("temperature", "37"), ("meanArterialPressure", "80"), ("heartRate", "80"), ("respiratoryRate", "16"),
        ("fio2", "60"), ("aaGradient", "360"), ("ph", "7.4"), ("sodium", "140"), ("potassium", "4"), ("creatinine", "1"),
        ("hematocrit", "40"), ("wbc", "10"), ("gcs", "15"), ("chronicHealth", "yes"),
    ];

    // ln(R/(1-R)) = -3.517 + 0.146 x 29 + 0.113 (non-operative sepsis) = 0.830, R = 69.6%.
    [Fact]
    public void Apache_ii_predicted_mortality_of_a_non_operative_septic_patient()
    {
        var result = Calc.Run("apache-ii", [.. SepticElderlyPatient, ("diagnosticCategory", "sepsis")]);

        result.Value.Should().Be(29);
        result.Output("logit").Should().Be(0.83);
        result.Output("predictedMortality").Should().Be(69.6);
        result.Interpretation.Should().Contain("69.6%");
    }

    // -3.517 + 0.146 x 29 + 0.393 (post-cardiac arrest) = 1.110, R = 75.2%.
    [Fact]
    public void Apache_ii_post_cardiac_arrest_weight() =>
        Calc.Run("apache-ii", [.. SepticElderlyPatient, ("diagnosticCategory", "nonop-cv-post-arrest")]).Output("predictedMortality").Should().Be(75.2);

    // Elective: 3 (A-a gradient) + 2 (chronic health, elective) = 5; -3.517 + 0.730 - 0.248 (GI surgery for neoplasm) = -3.035, R = 4.6%.
    [Fact]
    public void Apache_ii_predicted_mortality_after_elective_surgery_for_gi_neoplasm()
    {
        var result = Calc.Run("apache-ii", [.. StablePostoperativePatient, ("admissionType", "elective"), ("diagnosticCategory", "postop-gi-neoplasm")]);

        result.Value.Should().Be(5);
        result.Output("logit").Should().Be(-3.035);
        result.Output("predictedMortality").Should().Be(4.6);
    }

    // Emergency: 3 + 5 (chronic health, emergency) = 8; -3.517 + 1.168 + 0.603 + 0.060 (GI perforation) = -1.686, R = 15.6%.
    [Fact]
    public void Apache_ii_adds_0_603_after_emergency_surgery()
    {
        var result = Calc.Run("apache-ii", [.. StablePostoperativePatient, ("admissionType", "emergency"), ("diagnosticCategory", "postop-gi-perforation")]);

        result.Value.Should().Be(8);
        result.Output("logit").Should().Be(-1.686);
        result.Output("predictedMortality").Should().Be(15.6);
    }

    [Fact]
    public void Apache_ii_after_surgery_uses_the_non_operative_sepsis_weight() =>
        Calc.Run("apache-ii", [.. StablePostoperativePatient, ("admissionType", "emergency"), ("diagnosticCategory", "sepsis")]).Output("logit").Should().BeApproximately(-3.517 + 1.168 + 0.603 + 0.113, 0.0005);

    [Fact]
    public void Apache_ii_rejects_a_post_operative_category_for_a_non_operative_admission() =>
        Calc.Errors("apache-ii", [.. SepticElderlyPatient, ("diagnosticCategory", "postop-heart-valve")]).Should().ContainKey("inputs.admissionType");

    [Fact]
    public void Apache_ii_rejects_a_non_operative_category_after_surgery_other_than_sepsis_or_arrest() =>
        Calc.Errors("apache-ii", [.. StablePostoperativePatient, ("admissionType", "elective"), ("diagnosticCategory", "dka")]).Should().ContainKey("inputs.diagnosticCategory");

    [Fact]
    public void Apache_ii_rejects_an_unknown_diagnostic_category() =>
        Calc.Errors("apache-ii", [.. SepticElderlyPatient, ("diagnosticCategory", "sunburn")]).Should().ContainKey("inputs.diagnosticCategory");

    [Fact]
    public void Apache_ii_without_a_category_gives_the_score_only() =>
        Calc.Run("apache-ii", SepticElderlyPatient).Outputs.Should().BeEmpty();

    [Theory]
    [InlineData("nonop-other-overdose", -3.353)]
    [InlineData("nonop-resp-asthma", -2.108)]
    [InlineData("nonop-resp-infection", 0.0)]
    [InlineData("nonop-resp-neoplasm", 0.891)]
    [InlineData("nonop-system-gastrointestinal", 0.501)]
    public void Apache_ii_non_operative_weights_come_from_the_knaus_appendix(string category, double weight) =>
        Calc.Run("apache-ii", [.. SepticElderlyPatient, ("diagnosticCategory", category)]).Output("diagnosticWeight").Should().Be(weight);

    [Theory]
    [InlineData("postop-multiple-trauma", -1.684)]
    [InlineData("postop-renal-transplant", -1.042)]
    [InlineData("postop-system-neurologic", -1.150)]
    [InlineData("postop-system-metabolic-renal", -0.196)]
    public void Apache_ii_post_operative_weights_come_from_the_knaus_appendix(string category, double weight) =>
        Calc.Run("apache-ii", [.. StablePostoperativePatient, ("admissionType", "elective"), ("diagnosticCategory", category)]).Output("diagnosticWeight").Should().Be(weight);

    [Fact]
    public void Apache_ii_needs_pao2_below_50_percent_fio2() =>
        Calc.Errors("apache-ii", ("age", "40"), ("temperature", "37"), ("meanArterialPressure", "80"), ("heartRate", "80"), ("respiratoryRate", "16"),
            ("fio2", "0.3"), ("ph", "7.4"), ("sodium", "140"), ("potassium", "4"), ("creatinine", "1"), ("hematocrit", "40"), ("wbc", "10"), ("gcs", "15")).Should().ContainKey("inputs.pao2");

    [Fact]
    public void Meld_na_follows_the_optn_formula()
    {
        var result = Calc.Run("meld-na", ("creatinine", "1.9"), ("bilirubin", "4.2"), ("inr", "1.2"), ("sodium", "134"));

        result.Value.Should().Be(22);
        result.Output("meld").Should().Be(20.0);
    }

    [Fact]
    public void Meld_na_bounds_its_inputs_and_sets_creatinine_to_4_on_dialysis()
    {
        Calc.Value("meld-na", ("creatinine", "0.5"), ("bilirubin", "0.4"), ("inr", "0.9"), ("sodium", "140")).Should().Be(6);
        // OPTN: 0.957 × ln 4 + 0.643 = 1.9697, rounded to 2.0 before × 10 (not 19.7).
        Calc.Run("meld-na", ("creatinine", "1.0"), ("bilirubin", "1.0"), ("inr", "1.0"), ("sodium", "137"), ("dialysis", "yes")).Output("meld").Should().Be(20);
    }

    [Fact]
    public void Meld_na_rounds_meld_i_to_one_decimal_before_the_threshold_of_11_as_optn_policy_does()
    {
        // OPTN Policy 9.1.D: MELD(i) = 0.957 × ln(1.66) + 0.643 = 1.128, rounded to the tenth decimal place (1.1) and
        // multiplied by 10: 11, which is not greater than 11, so the sodium term is not applied. Rounding 10 × MELD(i)
        // (11.3) instead applies it and gives 23.
        var result = Calc.Run("meld-na", ("creatinine", "1.66"), ("bilirubin", "1"), ("inr", "1.0"), ("sodium", "125"));

        result.Value.Should().Be(11);
        result.DisplayValue.Should().Be("11 points");
        result.Output("meld").Should().Be(11);
    }

    [Fact]
    public void Meld_na_applies_the_sodium_term_once_the_rounded_meld_i_exceeds_11()
    {
        // Creatinine 1.75: 0.957 × ln(1.75) + 0.643 = 1.179 → 1.2 → 12 > 11; 12 + 1.32 × 12 − 0.033 × 12 × 12 = 23.09 → 23.
        var result = Calc.Run("meld-na", ("creatinine", "1.75"), ("bilirubin", "1"), ("inr", "1.0"), ("sodium", "125"));

        result.Output("meld").Should().Be(12);
        result.Value.Should().Be(23);
    }

    [Fact]
    public void Child_pugh_class_b_at_7_points()
    {
        var result = Calc.Run("child-pugh", ("bilirubin", "2.5"), ("albumin", "3.0"), ("inr", "1.5"), ("ascites", "absent"), ("encephalopathy", "none"));

        result.Value.Should().Be(2 + 2 + 1 + 1 + 1);
        result.Category.Should().Be("Class B");
    }

    [Fact]
    public void Child_pugh_class_c_with_tense_ascites_and_grade_3_encephalopathy() =>
        Calc.Run("child-pugh", ("bilirubin", "51 umol/L"), ("albumin", "25 g/L"), ("inr", "2.5"), ("ascites", "tense"), ("encephalopathy", "grade 3")).Category.Should().Be("Class C");

    [Fact]
    public void Fib4_of_50_years_ast_40_alt_36_platelets_200_is_1_67()
    {
        var result = Calc.Run("fib-4", ("age", "50"), ("ast", "40 U/L"), ("alt", "36"), ("platelets", "200 x10^9/L"));

        result.Value.Should().BeApproximately(50.0 * 40 / (200 * 6), 1e-12, "the value keeps full precision");
        result.RoundedValue.Should().Be(1.67);
        result.Category.Should().Be("Indeterminate");
    }

    [Fact]
    public void Fib4_accepts_platelets_per_microlitre() =>
        Calc.Value("fib-4", ("age", "50"), ("ast", "40"), ("alt", "36"), ("platelets", "200,000/uL")).Should().Be(1.67);

    [Fact]
    public void Glasgow_blatchford_of_0_is_low_risk_and_melaena_with_anaemia_scores()
    {
        Calc.Run("glasgow-blatchford", ("bun", "15"), ("hemoglobin", "14"), ("sex", "male"), ("systolicBp", "125"), ("heartRate", "80")).Category.Should().Be("Low risk");
        Calc.Value("glasgow-blatchford", ("urea", "9 mmol/L"), ("hemoglobin", "95 g/L"), ("sex", "female"), ("systolicBp", "95"), ("heartRate", "105"), ("melena", "yes"))
            .Should().Be(3 + 6 + 2 + 1 + 1);
    }

    [Fact]
    public void Charlson_of_a_72_year_old_with_diabetes_and_end_organ_damage_and_copd_is_6()
    {
        var result = Calc.Run("charlson", ("age", "72"), ("diabetes", "end organ damage"), ("chronicPulmonaryDisease", "yes"));

        result.Value.Should().Be(3 + 2 + 1);
    }

    [Fact]
    public void Charlson_metastatic_tumour_scores_6() =>
        Calc.Value("charlson", ("age", "45"), ("solidTumor", "metastatic")).Should().Be(6);
}
