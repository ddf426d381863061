using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Wells criteria for deep vein thrombosis, with the 2003 "previous DVT" item.</summary>
internal sealed class WellsDvtCalculator : Calculator
{
    public override string Id => "wells-dvt";
    public override string Name => "Wells criteria for DVT";
    public override string Description => "Pre-test probability of deep vein thrombosis (modified Wells, 2003).";
    public override string Category => "Thrombosis";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["wells-criteria-dvt", "wellsdvt", "dvt-wells"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Flag("activeCancer", "Active cancer (treatment within 6 months, or palliative)", "Does the patient have active cancer?", "cancer", "malignancy", "active malignancy"),
        In.Flag("bedriddenOrSurgery", "Bedridden ≥ 3 days or major surgery within 12 weeks", "Has the patient been bedridden 3 days or more, or had major surgery in the last 12 weeks?", "bedridden", "recent surgery", "immobilization", "major surgery"),
        In.Flag("calfSwelling", "Calf swelling > 3 cm compared with the other leg", "Is the calf swollen more than 3 cm compared with the other leg?", "calf swelling"),
        In.Flag("collateralVeins", "Collateral (non-varicose) superficial veins", "Are there collateral superficial veins?", "collateral superficial veins", "superficial veins"),
        In.Flag("entireLegSwollen", "Entire leg swollen", "Is the entire leg swollen?", "entire leg swelling", "leg swelling"),
        In.Flag("localizedTenderness", "Localised tenderness along the deep venous system", "Is there tenderness along the deep veins?", "tenderness", "deep vein tenderness", "localised tenderness"),
        In.Flag("pittingEdema", "Pitting oedema confined to the symptomatic leg", "Is there pitting oedema in the symptomatic leg only?", "pitting edema", "pitting oedema"),
        In.Flag("paralysisOrCast", "Paralysis, paresis or recent plaster immobilisation of the leg", "Is there paralysis, paresis or a recent plaster cast on the leg?", "paralysis", "paresis", "plaster cast", "immobilization of lower extremity"),
        In.Flag("previousDvt", "Previously documented DVT", "Has the patient had a DVT before?", "prior dvt", "history of dvt", "previous dvt"),
        In.Flag("alternativeDiagnosisLikely", "Alternative diagnosis at least as likely as DVT", "Is another diagnosis at least as likely as DVT?", "alternative diagnosis", "alternative diagnosis as likely"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Wells PS, Anderson DR, Bormanis J, et al. Value of assessment of pretest probability of deep-vein thrombosis in clinical management. Lancet. 1997;350(9094):1795-1798.", "10.1016/S0140-6736(97)08140-3", "9428249"),
        new("Wells PS, Anderson DR, Rodger M, et al. Evaluation of D-dimer in the diagnosis of suspected deep-vein thrombosis. N Engl J Med. 2003;349(13):1227-1235.", "10.1056/NEJMoa023153", "14507948"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var sheet = new ScoreSheet(args)
            .Flag("activeCancer", "Active cancer", 1)
            .Flag("bedriddenOrSurgery", "Bedridden ≥ 3 days or major surgery ≤ 12 weeks", 1)
            .Flag("calfSwelling", "Calf swelling > 3 cm", 1)
            .Flag("collateralVeins", "Collateral superficial veins", 1)
            .Flag("entireLegSwollen", "Entire leg swollen", 1)
            .Flag("localizedTenderness", "Localised deep vein tenderness", 1)
            .Flag("pittingEdema", "Pitting oedema of the symptomatic leg", 1)
            .Flag("paralysisOrCast", "Paralysis, paresis or leg cast", 1)
            .Flag("previousDvt", "Previously documented DVT", 1)
            .Flag("alternativeDiagnosisLikely", "Alternative diagnosis at least as likely", -2);
        var (category, meaning) = sheet.Total switch
        {
            >= 3 => ("High", "High pre-test probability (≥ 3); DVT likely (≥ 2)."),
            >= 2 => ("Moderate", "Moderate pre-test probability (1–2); DVT likely (≥ 2)."),
            >= 1 => ("Moderate", "Moderate pre-test probability (1–2); DVT unlikely (< 2)."),
            _ => ("Low", "Low pre-test probability (≤ 0); DVT unlikely (< 2)."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Wells criteria for pulmonary embolism.</summary>
internal sealed class WellsPeCalculator : Calculator
{
    public override string Id => "wells-pe";
    public override string Name => "Wells criteria for pulmonary embolism";
    public override string Description => "Pre-test probability of pulmonary embolism.";
    public override string Category => "Thrombosis";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["wells-criteria-pe", "wellspe", "pe-wells"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Flag("dvtSigns", "Clinical signs and symptoms of DVT", "Are there clinical signs of DVT (leg swelling, pain on palpation of deep veins)?", "signs of dvt", "clinical signs of dvt", "dvt symptoms"),
        In.Flag("peMostLikely", "PE is the most likely diagnosis (alternative less likely)", "Is PE the most likely diagnosis?", "pe most likely", "pe is #1 diagnosis", "alternative diagnosis less likely"),
        In.Number("heartRate", "Heart rate", Quantities.Rate, 10, 350, "What is the heart rate?", "hr", "pulse").Optional()
            .WithHelp("Scores 1.5 above 100/min; when omitted the flag tachycardia is used."),
        In.Flag("tachycardia", "Heart rate > 100/min", "Is the heart rate above 100?", "heart rate > 100", "tachycardic"),
        In.Flag("immobilizationOrSurgery", "Immobilisation ≥ 3 days or surgery in the previous 4 weeks", "Has the patient been immobilised 3 days or more, or had surgery in the last 4 weeks?", "immobilization", "recent surgery", "immobilisation or surgery"),
        In.Flag("previousVte", "Previous DVT or PE", "Has the patient had a DVT or PE before?", "previous pe", "previous dvt", "history of vte", "prior vte", "previously diagnosed pe or dvt"),
        In.Flag("hemoptysis", "Haemoptysis", "Is there haemoptysis?", "haemoptysis", "coughing blood"),
        In.Flag("malignancy", "Malignancy (treatment within 6 months, or palliative)", "Does the patient have an active malignancy?", "cancer", "active cancer", "malignancy with treatment"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Wells PS, Anderson DR, Rodger M, et al. Derivation of a simple clinical model to categorize patients probability of pulmonary embolism: increasing the models utility with the SimpliRED D-dimer. Thromb Haemost. 2000;83(3):416-420.", Pmid: "10744147"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var rate = args.OptionalNumber("heartRate");
        var sheet = new ScoreSheet(args)
            .Flag("dvtSigns", "Clinical signs of DVT", 3)
            .Flag("peMostLikely", "PE the most likely diagnosis", 3)
            .Add("Heart rate > 100/min", rate is null ? args.Show("tachycardia") : args.Show("heartRate"), (rate is { } r ? r > 100 : args.Flag("tachycardia")) ? 1.5 : 0)
            .Flag("immobilizationOrSurgery", "Immobilisation ≥ 3 days or surgery ≤ 4 weeks", 1.5)
            .Flag("previousVte", "Previous DVT or PE", 1.5)
            .Flag("hemoptysis", "Haemoptysis", 1)
            .Flag("malignancy", "Malignancy", 1);
        var three = sheet.Total switch { > 6 => "high probability (> 6)", >= 2 => "moderate probability (2–6)", _ => "low probability (< 2)" };
        var two = sheet.Total > 4 ? "PE likely (> 4)" : "PE unlikely (≤ 4)";
        var category = sheet.Total switch { > 6 => "High", >= 2 => "Moderate", _ => "Low" };
        return Outcome.Score(sheet, category, $"Three-tier: {three}. Two-tier: {two}.");
    }
}

/// <summary>Pulmonary Embolism Rule-out Criteria.</summary>
internal sealed class PercCalculator : Calculator
{
    public override string Id => "perc";
    public override string Name => "PERC rule for pulmonary embolism";
    public override string Description => "In patients with low clinical probability, PE can be ruled out without testing when all eight criteria are absent.";
    public override string Category => "Thrombosis";
    public override string ResultUnit => "criteria";
    public override IReadOnlyList<string> Aliases => ["perc-rule", "pulmonary-embolism-rule-out-criteria"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.HeartRate,
        Common.OxygenSaturation,
        In.Flag("unilateralLegSwelling", "Unilateral leg swelling", "Is there swelling of one leg?", "leg swelling", "unilateral leg edema"),
        In.Flag("hemoptysis", "Haemoptysis", "Is there haemoptysis?", "haemoptysis"),
        In.Flag("recentSurgeryOrTrauma", "Surgery or trauma within 4 weeks requiring general anaesthesia", "Has the patient had surgery or trauma needing general anaesthesia in the last 4 weeks?", "recent surgery", "recent trauma", "surgery or trauma"),
        In.Flag("previousVte", "Prior DVT or PE", "Has the patient had a DVT or PE before?", "prior pe", "prior dvt", "history of vte", "previous pe or dvt"),
        In.Flag("hormoneUse", "Hormone use (oral contraceptives, hormone replacement or oestrogen)", "Is the patient taking oral contraceptives or hormone therapy?", "oral contraceptives", "estrogen", "hormone therapy", "ocp", "hrt"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Kline JA, Mitchell AM, Kabrhel C, Richman PB, Courtney DM. Clinical criteria to prevent unnecessary diagnostic testing in emergency department patients with suspected pulmonary embolism. J Thromb Haemost. 2004;2(8):1247-1255.", "10.1111/j.1538-7836.2004.00790.x", "15304025"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var sheet = new ScoreSheet(args)
            .Band("age", "Age ≥ 50", args.Number("age") >= 50 ? 1 : 0)
            .Band("heartRate", "Heart rate ≥ 100/min", args.Number("heartRate") >= 100 ? 1 : 0)
            .Band("oxygenSaturation", "Oxygen saturation < 95%", args.Number("oxygenSaturation") < 95 ? 1 : 0)
            .Flag("unilateralLegSwelling", "Unilateral leg swelling", 1)
            .Flag("hemoptysis", "Haemoptysis", 1)
            .Flag("recentSurgeryOrTrauma", "Recent surgery or trauma", 1)
            .Flag("previousVte", "Prior DVT or PE", 1)
            .Flag("hormoneUse", "Hormone use", 1);
        return sheet.Total == 0
            ? Outcome.Score(sheet, "PERC negative", "No criterion present: in a patient with low pre-test probability, PE is ruled out without further testing.") with { DisplayValue = "0 criteria" }
            : Outcome.Score(sheet, "PERC positive", $"{sheet.Total} criteria present: PE cannot be ruled out by PERC; consider D-dimer or imaging.") with { DisplayValue = $"{sheet.Total} criteria" };
    }
}

/// <summary>Caprini venous thromboembolism risk assessment (2005 version).</summary>
internal sealed class CapriniCalculator : Calculator
{
    public override string Id => "caprini";
    public override string Name => "Caprini score for venous thromboembolism (2005)";
    public override string Description => "Venous thromboembolism risk in surgical patients.";
    public override string Category => "Thrombosis";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["caprini-score", "caprini-vte"];

    private static readonly (string Name, string Label, double Points, string[] Synonyms)[] Factors =
    [
        ("minorSurgery", "Minor surgery planned", 1, ["minor surgery"]),
        ("majorSurgeryHistory", "History of prior major surgery (< 1 month)", 1, ["prior major surgery", "major surgery in the last month", "recent major surgery"]),
        ("swollenLegs", "Swollen legs (current)", 1, ["swollen legs", "leg swelling", "current swollen legs"]),
        ("varicoseVeins", "Varicose veins", 1, ["varicose veins"]),
        ("acuteMi", "Acute myocardial infarction", 1, ["acute mi", "myocardial infarction", "acute myocardial infarction"]),
        ("chf", "Congestive heart failure (< 1 month)", 1, ["congestive heart failure", "heart failure"]),
        ("sepsis", "Sepsis (< 1 month)", 1, ["sepsis"]),
        ("seriousLungDisease", "Serious lung disease including pneumonia (< 1 month)", 1, ["pneumonia", "serious lung disease", "lung disease"]),
        ("abnormalPulmonaryFunction", "Abnormal pulmonary function (COPD)", 1, ["copd", "chronic obstructive pulmonary disease", "abnormal pulmonary function"]),
        ("bedRest", "Medical patient currently at bed rest", 1, ["bed rest", "medical patient at bed rest"]),
        ("inflammatoryBowelDisease", "History of inflammatory bowel disease", 1, ["ibd", "inflammatory bowel disease", "crohn", "ulcerative colitis"]),
        ("bmiOver25", "BMI > 25 kg/m²", 1, ["overweight", "bmi > 25", "obesity"]),
        ("pregnantOrPostpartum", "Pregnant or postpartum (< 1 month)", 1, ["pregnancy", "pregnant", "postpartum"]),
        ("pregnancyLossHistory", "History of unexplained stillbirth, recurrent spontaneous abortion (≥ 3), or premature birth with toxaemia or growth restriction", 1, ["recurrent abortion", "stillborn", "unexplained stillbirth"]),
        ("hormoneUse", "Oral contraceptives or hormone replacement therapy", 1, ["oral contraceptives", "hrt", "hormone replacement", "ocp"]),
        ("arthroscopicSurgery", "Arthroscopic surgery", 2, ["arthroscopic surgery", "arthroscopy"]),
        ("majorOpenSurgery", "Major open surgery (> 45 minutes)", 2, ["major surgery", "major open surgery", "open surgery"]),
        ("laparoscopicSurgery", "Laparoscopic surgery (> 45 minutes)", 2, ["laparoscopic surgery", "laparoscopy"]),
        ("malignancy", "Malignancy (present or previous)", 2, ["cancer", "malignancy", "present or previous malignancy"]),
        ("confinedToBed", "Confined to bed (> 72 hours)", 2, ["confined to bed", "bedridden", "bed bound"]),
        ("plasterCast", "Immobilising plaster cast (< 1 month)", 2, ["plaster cast", "cast", "immobilizing plaster cast"]),
        ("centralVenousAccess", "Central venous access", 2, ["central line", "central venous access", "cvc", "picc"]),
        ("historyOfVte", "History of DVT or PE", 3, ["previous dvt", "previous pe", "history of vte", "prior vte", "history of dvt"]),
        ("familyHistoryOfVte", "Family history of thrombosis", 3, ["family history of thrombosis", "family history of vte", "family history of dvt"]),
        ("factorVLeiden", "Factor V Leiden", 3, ["factor v leiden", "positive factor v leiden"]),
        ("prothrombin20210A", "Prothrombin 20210A", 3, ["prothrombin mutation", "prothrombin 20210a", "prothrombin gene mutation"]),
        ("lupusAnticoagulant", "Lupus anticoagulant", 3, ["lupus anticoagulant", "positive lupus anticoagulant"]),
        ("anticardiolipinAntibodies", "Anticardiolipin antibodies", 3, ["anticardiolipin", "anticardiolipin antibody", "antiphospholipid"]),
        ("elevatedHomocysteine", "Elevated serum homocysteine", 3, ["homocysteine", "hyperhomocysteinemia", "elevated homocysteine"]),
        ("heparinInducedThrombocytopenia", "Heparin-induced thrombocytopenia", 3, ["hit", "heparin induced thrombocytopenia"]),
        ("otherThrombophilia", "Other congenital or acquired thrombophilia", 3, ["thrombophilia", "other thrombophilia"]),
        ("stroke", "Stroke (< 1 month)", 5, ["recent stroke", "stroke"]),
        ("electiveArthroplasty", "Elective major lower-extremity arthroplasty", 5, ["arthroplasty", "hip replacement", "knee replacement", "elective major lower extremity arthroplasty"]),
        ("hipPelvisLegFracture", "Hip, pelvis or leg fracture (< 1 month)", 5, ["hip fracture", "pelvis fracture", "leg fracture", "hip pelvis or leg fracture"]),
        ("acuteSpinalCordInjury", "Acute spinal cord injury with paralysis (< 1 month)", 5, ["spinal cord injury", "acute spinal cord injury"]),
        ("multipleTrauma", "Multiple trauma (< 1 month)", 5, ["multiple trauma", "polytrauma"]),
    ];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
        [Common.Age, .. Factors.Select(f => In.Flag(f.Name, f.Label, $"Risk factor present: {f.Label.ToLowerInvariant()}?", f.Synonyms))];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Caprini JA. Thrombosis risk assessment as a guide to quality patient care. Dis Mon. 2005;51(2-3):70-78.", "10.1016/j.disamonth.2005.02.003"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var sheet = new ScoreSheet(args).Band("age", "Age (41–60: 1, 61–74: 2, ≥ 75: 3)", age >= 75 ? 3 : age >= 61 ? 2 : age >= 41 ? 1 : 0);
        foreach (var factor in Factors)
        {
            sheet.Flag(factor.Name, factor.Label, factor.Points);
        }

        var (category, meaning) = sheet.Total switch
        {
            <= 1 => ("Low", "Caprini 0–1: low risk (2005 risk levels)."),
            2 => ("Moderate", "Caprini 2: moderate risk (2005 risk levels)."),
            <= 4 => ("High", "Caprini 3–4: high risk (2005 risk levels)."),
            _ => ("Highest", "Caprini ≥ 5: highest risk (2005 risk levels)."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}
