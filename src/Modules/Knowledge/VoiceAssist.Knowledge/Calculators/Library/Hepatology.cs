using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>MELD-Na as implemented by the OPTN/UNOS policy from Kim et al. (2008).</summary>
internal sealed class MeldNaCalculator : Calculator
{
    public override string Id => "meld-na";
    public override string Name => "MELD-Na";
    public override string Description => "MELD(i) = 0.957 ln Cr + 0.378 ln bilirubin + 1.120 ln INR + 0.643, rounded to one decimal and multiplied by 10; if > 11, MELD-Na = MELD(i) + 1.32 × (137 − Na) − 0.033 × MELD(i) × (137 − Na), rounded to a whole number.";
    public override string Category => "Hepatology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["meldna", "meld", "meld-sodium", "meld-na-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Creatinine,
        Common.Bilirubin,
        Common.Inr,
        Common.Sodium,
        In.Flag("dialysis", "Dialysis at least twice, or 24 hours of CVVHD, in the past week", "Has the patient had dialysis twice or continuous haemodialysis for 24 hours in the past week?", "dialysis twice", "on dialysis", "cvvhd", "hemodialysis", "dialysis twice in past week", "dialysis_twice"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Kim WR, Biggins SW, Kremers WK, et al. Hyponatremia and mortality among patients on the liver-transplant waiting list. N Engl J Med. 2008;359(10):1018-1026.", "10.1056/NEJMoa0801209", "18768945"),
        new("Organ Procurement and Transplantation Network. Policy 9: Allocation of Livers and Liver-Intestines (MELD calculation), effective January 2016."),
    ];

    public override IReadOnlyList<string> Notes { get; } =
        ["Creatinine, bilirubin and INR below 1.0 are set to 1.0; creatinine above 4.0 (or with dialysis) is set to 4.0; sodium is bounded to 125–137 mmol/L; MELD(i) is rounded to one decimal before it is multiplied by 10 and compared with 11 (OPTN policy); the score is capped at 40."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var creatinine = args.Flag("dialysis") ? 4.0 : Math.Clamp(args.Number("creatinine"), 1.0, 4.0);
        var bilirubin = Math.Max(args.Number("bilirubin"), 1.0);
        var inr = Math.Max(args.Number("inr"), 1.0);
        var sodium = Math.Clamp(args.Number("sodium"), 125, 137);
        // OPTN policy 9: MELD(i) is rounded to the tenth decimal place and then multiplied by 10, and the > 11 test is
        // made on that product; rounding 10 × MELD(i) instead moves scores across the threshold (creatinine 1.66: 11 vs 23).
        var meldI = 10 * Outcome.Round(0.957 * Math.Log(creatinine) + 0.378 * Math.Log(bilirubin) + 1.120 * Math.Log(inr) + 0.643, 1);
        var meld = meldI > 11 ? meldI + 1.32 * (137 - sodium) - 0.033 * meldI * (137 - sodium) : meldI;
        var score = Math.Min(Outcome.Round(meld, 0), 40);
        return new Outcome(score, $"{Format.Number(score, 0)} points", null, "Higher scores predict higher 90-day mortality in end-stage liver disease; used to prioritise liver transplantation.")
        {
            Breakdown =
            [
                new("Creatinine (bounded 1–4 mg/dL)", args.Show("creatinine") + (args.Flag("dialysis") ? ", on dialysis" : string.Empty), creatinine),
                new("Bilirubin (minimum 1 mg/dL)", args.Show("bilirubin"), bilirubin),
                new("INR (minimum 1)", args.Show("inr"), inr),
                new("Sodium (bounded 125–137 mmol/L)", args.Show("sodium"), sodium),
            ],
            Outputs = [Outcome.Output("meld", "MELD(i) before the sodium term (rounded to one decimal, × 10)", meldI, 0, "points")],
        };
    }
}

/// <summary>Child–Pugh classification of cirrhosis severity.</summary>
internal sealed class ChildPughCalculator : Calculator
{
    public override string Id => "child-pugh";
    public override string Name => "Child–Pugh score";
    public override string Description => "Severity of cirrhosis from bilirubin, albumin, INR, ascites and encephalopathy (5–15; class A, B, C).";
    public override string Category => "Hepatology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["child-pugh-score", "childpugh", "child-turcotte-pugh", "ctp"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Bilirubin,
        Common.Albumin,
        Common.Inr,
        In.Choice("ascites", "Ascites", "Is ascites absent, slight, or moderate to severe?",
            [new("absent", "Absent", 1, "none", "no", "no ascites"), new("slight", "Slight (mild, controlled with diuretics)", 2, "mild", "controlled", "small"), new("moderate", "Moderate to severe (refractory)", 3, "severe", "moderate-severe", "moderate to severe", "large", "tense", "refractory")],
            "ascites grade"),
        In.Choice("encephalopathy", "Hepatic encephalopathy", "Is hepatic encephalopathy absent, grade 1–2, or grade 3–4?",
            [new("none", "None", 1, "absent", "no", "no encephalopathy"), new("grade-1-2", "Grade 1–2 (minimal, controlled with medication)", 2, "mild", "grade 1", "grade 2", "grade 1-2", "controlled", "minimal"), new("grade-3-4", "Grade 3–4 (severe, refractory)", 3, "severe", "grade 3", "grade 4", "grade 3-4", "refractory", "coma")],
            "hepatic encephalopathy", "he"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Pugh RN, Murray-Lyon IM, Dawson JL, Pietroni MC, Williams R. Transection of the oesophagus for bleeding oesophageal varices. Br J Surg. 1973;60(8):646-649.", "10.1002/bjs.1800600817", "4541913"),
    ];

    public override IReadOnlyList<string> Notes { get; } = ["Pugh graded prothrombin time prolongation (1–4, 4–6, > 6 s); the INR bands (< 1.7, 1.7–2.3, > 2.3) are the usual modern substitute."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        double Points(int index, string name) => Inputs[index].Choices.First(c => c.Value == args.Choice(name)).Number!.Value;
        var (bilirubin, albumin, inr) = (args.Number("bilirubin"), args.Number("albumin"), args.Number("inr"));
        var sheet = new ScoreSheet(args)
            .Band("bilirubin", "Bilirubin (< 2: 1, 2–3: 2, > 3 mg/dL: 3)", bilirubin switch { < 2 => 1, <= 3 => 2, _ => 3 })
            .Band("albumin", "Albumin (> 3.5: 1, 2.8–3.5: 2, < 2.8 g/dL: 3)", albumin switch { > 3.5 => 1, >= 2.8 => 2, _ => 3 })
            .Band("inr", "INR (< 1.7: 1, 1.7–2.3: 2, > 2.3: 3)", inr switch { < 1.7 => 1, <= 2.3 => 2, _ => 3 })
            .Add("Ascites", args.Show("ascites"), Points(3, "ascites"))
            .Add("Encephalopathy", args.Show("encephalopathy"), Points(4, "encephalopathy"));
        var (category, meaning) = sheet.Total switch
        {
            <= 6 => ("Class A", "Child–Pugh class A (5–6 points): well-compensated disease."),
            <= 9 => ("Class B", "Child–Pugh class B (7–9 points): significant functional compromise."),
            _ => ("Class C", "Child–Pugh class C (10–15 points): decompensated disease."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Fibrosis-4 index.</summary>
internal sealed class Fib4Calculator : Calculator
{
    public override string Id => "fib-4";
    public override string Name => "FIB-4 index for liver fibrosis";
    public override string Description => "FIB-4 = age × AST / (platelets ×10⁹/L × √ALT).";
    public override string Category => "Hepatology";
    public override string ResultUnit => string.Empty;
    public override IReadOnlyList<string> Aliases => ["fib4", "fibrosis-4"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        In.Number("ast", "AST", Quantities.Enzyme, 1, 30000, "What is the AST?", "aspartate aminotransferase", "sgot", "aspartate transaminase"),
        In.Number("alt", "ALT", Quantities.Enzyme, 1, 30000, "What is the ALT?", "alanine aminotransferase", "sgpt", "alanine transaminase"),
        Common.Platelets.Between(1, 3000),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Sterling RK, Lissen E, Clumeck N, et al. Development of a simple noninvasive index to predict significant fibrosis in patients with HIV/HCV coinfection. Hepatology. 2006;43(6):1317-1325.", "10.1002/hep.21178", "16729309"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var fib4 = args.Number("age") * args.Number("ast") / (args.Number("platelets") * Math.Sqrt(args.Number("alt")));
        var (category, meaning) = fib4 switch
        {
            < 1.45 => ("Low", "FIB-4 < 1.45: advanced fibrosis unlikely (negative predictive value about 90% in the derivation cohort)."),
            <= 3.25 => ("Indeterminate", "FIB-4 1.45–3.25: indeterminate; consider elastography or other testing."),
            _ => ("High", "FIB-4 > 3.25: advanced fibrosis likely (positive predictive value about 65% in the derivation cohort)."),
        };
        return Outcome.Measure(fib4, 2, ResultUnit, category, meaning);
    }
}

/// <summary>Glasgow–Blatchford bleeding score for upper gastrointestinal haemorrhage.</summary>
internal sealed class GlasgowBlatchfordCalculator : Calculator
{
    public override string Id => "glasgow-blatchford";
    public override string Name => "Glasgow–Blatchford bleeding score";
    public override string Description => "Need for intervention (transfusion, endoscopic therapy or surgery) in upper gastrointestinal bleeding.";
    public override string Category => "Gastroenterology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["gbs", "blatchford", "glasgow-blatchford-score", "glasgow-blatchford-bleeding-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Bun,
        Common.Hemoglobin,
        Common.Sex,
        Common.Systolic,
        Common.HeartRate,
        In.Flag("melena", "Melaena", "Is there melaena?", "melaena", "black stools", "tarry stools"),
        In.Flag("syncope", "Presented with syncope", "Did the patient present with syncope?", "fainting", "collapse"),
        In.Flag("hepaticDisease", "History of hepatic disease", "Does the patient have liver disease?", "liver disease", "hepatic disease", "cirrhosis"),
        In.Flag("cardiacFailure", "Cardiac failure", "Does the patient have heart failure?", "heart failure", "chf", "cardiac failure"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Blatchford O, Murray WR, Blatchford M. A risk score to predict need for treatment for upper-gastrointestinal haemorrhage. Lancet. 2000;356(9238):1318-1321.", "10.1016/S0140-6736(00)02816-6", "11073021"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var urea = args.Number("bun") / 2.801;
        var hb = args.Number("hemoglobin");
        var female = Common.IsFemale(args);
        var hbPoints = female
            ? hb switch { >= 12 => 0, >= 10 => 1, _ => 6 }
            : hb switch { >= 13 => 0, >= 12 => 1, >= 10 => 3, _ => 6 };
        var sbp = args.Number("systolicBp");
        var sheet = new ScoreSheet(args)
            .Add("Blood urea (mmol/L)", $"{Format.Number(urea, 1)} mmol/L ({args.Show("bun")} urea nitrogen)", urea switch { >= 25 => 6, >= 10 => 4, >= 8 => 3, >= 6.5 => 2, _ => 0 })
            .Add("Haemoglobin", $"{args.Show("hemoglobin")}, {args.Show("sex")}", hbPoints)
            .Band("systolicBp", "Systolic blood pressure", sbp switch { >= 110 => 0, >= 100 => 1, >= 90 => 2, _ => 3 })
            .Band("heartRate", "Pulse ≥ 100/min", args.Number("heartRate") >= 100 ? 1 : 0)
            .Flag("melena", "Melaena", 1)
            .Flag("syncope", "Syncope", 2)
            .Flag("hepaticDisease", "Hepatic disease", 2)
            .Flag("cardiacFailure", "Cardiac failure", 2);
        return sheet.Total == 0
            ? Outcome.Score(sheet, "Low risk", "Score 0: low risk of needing intervention; outpatient management can be considered.")
            : Outcome.Score(sheet, "Not low risk", "Score ≥ 1: higher risk of needing transfusion, endoscopic treatment or surgery; the risk rises with the score.");
    }
}

/// <summary>Charlson Comorbidity Index with the age adjustment.</summary>
internal sealed class CharlsonCalculator : Calculator
{
    public override string Id => "charlson";
    public override string Name => "Charlson Comorbidity Index (age-adjusted)";
    public override string Description => "Weighted comorbidity index predicting 10-year mortality; one point per decade of age from 50.";
    public override string Category => "General medicine";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["cci", "charlson-comorbidity-index", "charlson-index"];

    private static readonly (string Name, string Label, double Points, string[] Synonyms)[] Conditions =
    [
        ("myocardialInfarction", "Myocardial infarction", 1, ["mi", "history of mi", "heart attack"]),
        ("chf", "Congestive heart failure", 1, ["heart failure", "congestive heart failure"]),
        ("peripheralVascularDisease", "Peripheral vascular disease", 1, ["pvd", "pad", "peripheral vascular disease"]),
        ("cerebrovascularDisease", "Cerebrovascular disease (stroke or TIA)", 1, ["cva", "stroke", "tia", "cerebrovascular accident"]),
        ("dementia", "Dementia", 1, ["cognitive impairment"]),
        ("chronicPulmonaryDisease", "Chronic pulmonary disease", 1, ["copd", "asthma", "chronic lung disease"]),
        ("connectiveTissueDisease", "Connective tissue disease", 1, ["rheumatologic disease", "lupus", "rheumatoid arthritis"]),
        ("pepticUlcerDisease", "Peptic ulcer disease", 1, ["peptic ulcer", "pud"]),
        ("hemiplegia", "Hemiplegia", 2, ["paraplegia", "hemiparesis"]),
        ("moderateSevereRenalDisease", "Moderate to severe renal disease", 2, ["renal disease", "ckd", "chronic kidney disease", "dialysis"]),
        ("leukemia", "Leukaemia", 2, ["leukaemia"]),
        ("lymphoma", "Lymphoma", 2, []),
        ("aids", "AIDS", 6, ["hiv aids"]),
    ];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        .. Conditions.Select(c => In.Flag(c.Name, c.Label, $"Does the patient have {c.Label.ToLowerInvariant()}?", c.Synonyms)),
        In.Choice("liverDisease", "Liver disease", "Is liver disease absent, mild, or moderate to severe (cirrhosis with portal hypertension)?",
            [new("none", "None", 0, "no", "absent"), new("mild", "Mild (chronic hepatitis or cirrhosis without portal hypertension)", 1, "mild liver disease"), new("moderate-severe", "Moderate to severe (cirrhosis with portal hypertension)", 3, "moderate", "severe", "moderate to severe", "severe liver disease")],
            "hepatic disease").Optional("none"),
        In.Choice("diabetes", "Diabetes mellitus", "Is diabetes absent, uncomplicated, or with end-organ damage?",
            [new("none", "None or diet-controlled", 0, "no", "absent", "diet controlled"), new("uncomplicated", "Uncomplicated", 1, "yes", "diabetes", "without complications", "mild"), new("end-organ-damage", "With end-organ damage", 2, "complicated", "end organ damage", "with complications", "severe")],
            "dm", "diabetes mellitus").Optional("none"),
        In.Choice("solidTumor", "Solid tumour", "Is there no solid tumour, a localised one, or a metastatic one?",
            [new("none", "None", 0, "no", "absent"), new("localized", "Localised (any non-metastatic tumour within 5 years)", 2, "local", "localised", "tumor", "cancer", "yes"), new("metastatic", "Metastatic", 6, "metastases", "metastatic cancer", "metastatic solid tumor")],
            "solid tumor", "tumour", "malignancy", "cancer").Optional("none"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Charlson ME, Pompei P, Ales KL, MacKenzie CR. A new method of classifying prognostic comorbidity in longitudinal studies: development and validation. J Chronic Dis. 1987;40(5):373-383.", "10.1016/0021-9681(87)90171-8", "3558716"),
        new("Charlson M, Szatrowski TP, Peterson J, Gold J. Validation of a combined comorbidity index. J Clin Epidemiol. 1994;47(11):1245-1251."),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var sheet = new ScoreSheet(args).Band("age", "Age (50–59: 1, 60–69: 2, 70–79: 3, ≥ 80: 4)", age switch { >= 80 => 4, >= 70 => 3, >= 60 => 2, >= 50 => 1, _ => 0 });
        foreach (var condition in Conditions)
        {
            sheet.Flag(condition.Name, condition.Label, condition.Points);
        }

        foreach (var name in new[] { "liverDisease", "diabetes", "solidTumor" })
        {
            var spec = Inputs.First(i => i.Name == name);
            sheet.Add(spec.Label, args.Show(name), spec.Choices.First(c => c.Value == args.Choice(name)).Number!.Value);
        }

        return Outcome.Score(sheet, null, "Higher scores predict higher 10-year mortality; the index combines comorbidity weights with one point per decade of age from 50.");
    }
}
