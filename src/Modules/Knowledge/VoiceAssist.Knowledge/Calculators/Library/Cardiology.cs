using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Heart-rate corrected QT interval. One class registered per formula; every formula appears in the outputs.</summary>
internal sealed class QtcCalculator(QtcCalculator.Formula formula) : Calculator
{
    internal enum Formula
    {
        Bazett,
        Fridericia,
        Framingham,
        Hodges,
        Rautaharju,
    }

    private static readonly CalculatorSource[] AllSources =
    [
        new("Bazett HC. An analysis of the time-relations of electrocardiograms. Heart. 1920;7:353-370."),
        new("Fridericia LS. Die Systolendauer im Elektrokardiogramm bei normalen Menschen und bei Herzkranken. Acta Med Scand. 1920;53:469-486."),
        new("Sagie A, Larson MG, Goldberg RJ, Bengtson JR, Levy D. An improved method for adjusting the QT interval for heart rate (the Framingham Heart Study). Am J Cardiol. 1992;70(7):797-801.", Pmid: "1519533"),
        new("Hodges M, Salerno D, Erlien D. Bazett's QT correction reviewed: evidence that a linear QT correction for heart rate is better. J Am Coll Cardiol. 1983;1(2):694."),
        new("Rautaharju PM, Warren JW, Calhoun HP. Estimation of QT prolongation. A persistent, avoidable error in computer electrocardiography. J Electrocardiol. 1990;23 Suppl:111-117."),
    ];

    private static readonly CalculatorSource AhaStandards = new(
        "Rautaharju PM, Surawicz B, Gettes LS. AHA/ACCF/HRS recommendations for the standardization and interpretation of the electrocardiogram: part IV: the ST segment, T and U waves, and the QT interval. Circulation. 2009;119(10):e241-e250.",
        "10.1161/CIRCULATIONAHA.108.191096");

    public override string Id => "qtc-" + formula.ToString().ToLowerInvariant();
    public override string Name => $"Corrected QT interval ({formula})";

    public override string Description => formula switch
    {
        Formula.Bazett => "QTc = QT / √RR (RR in seconds).",
        Formula.Fridericia => "QTc = QT / ∛RR (RR in seconds).",
        Formula.Framingham => "QTc = QT + 154 × (1 − RR) ms (RR in seconds).",
        Formula.Hodges => "QTc = QT + 1.75 × (heart rate − 60) ms.",
        _ => "QTc = QT × (120 + heart rate) / 180.",
    };

    public override string Category => "Cardiology";
    public override string ResultUnit => "ms";
    public override IReadOnlyList<string> Aliases => formula == Formula.Bazett ? ["qtc", "qt-corrected", "corrected-qt"] : [$"qtc{formula}".ToLowerInvariant(), $"{formula}-qtc".ToLowerInvariant()];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Number("qtInterval", "QT interval", Quantities.Interval, 150, 900, "What is the measured QT interval?", "qt", "qt interval", "measured qt", "qt ms"),
        Common.HeartRate,
        Common.Sex.Optional().WithHelp("Used only for the prolongation threshold (450 ms men, 460 ms women)."),
    ];

    public override IReadOnlyList<CalculatorSource> Sources => [AllSources[(int)formula], AhaStandards];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (qt, rate) = (args.Number("qtInterval"), args.Number("heartRate"));
        var rr = 60 / rate;
        var values = new Dictionary<Formula, double>
        {
            [Formula.Bazett] = qt / Math.Sqrt(rr),
            [Formula.Fridericia] = qt / Math.Cbrt(rr),
            [Formula.Framingham] = qt + 154 * (1 - rr),
            [Formula.Hodges] = qt + 1.75 * (rate - 60),
            [Formula.Rautaharju] = qt * (120 + rate) / 180,
        };
        var qtc = values[formula];
        var sex = args.OptionalChoice("sex");
        var threshold = sex == Common.Female ? 460 : 450;
        var (category, meaning) = qtc switch
        {
            > 500 => ("Markedly prolonged", "QTc > 500 ms: markedly prolonged, with a high risk of torsades de pointes."),
            _ when qtc >= threshold && sex is not null => ("Prolonged", $"QTc ≥ {threshold} ms: prolonged for a {sex} patient (AHA/ACCF/HRS 2009)."),
            _ when qtc >= 450 && sex is null => ("Possibly prolonged", "QTc ≥ 450 ms: prolonged in men; women are prolonged from 460 ms (AHA/ACCF/HRS 2009)."),
            _ when qtc <= 390 => ("Short", "QTc ≤ 390 ms: short (AHA/ACCF/HRS 2009)."),
            _ => ("Normal", "QTc within normal limits."),
        };
        return Outcome.Measure(qtc, 1, ResultUnit, category, meaning) with
        {
            Outputs = [.. values.Select(v => Outcome.Output($"qtc{v.Key}", $"QTc ({v.Key})", v.Value, 1, ResultUnit)), Outcome.Output("rrInterval", "RR interval", rr * 1000, 0, "ms")],
        };
    }
}

/// <summary>Mean arterial pressure = DBP + (SBP − DBP) / 3.</summary>
internal sealed class MeanArterialPressureCalculator : Calculator
{
    public override string Id => "map";
    public override string Name => "Mean arterial pressure (MAP)";
    public override string Description => "MAP = diastolic + (systolic − diastolic) / 3 = (2 × diastolic + systolic) / 3.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "mmHg";
    public override IReadOnlyList<string> Aliases => ["mean-arterial-pressure"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Systolic, Common.Diastolic];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Standard estimate of the time-averaged arterial pressure from a diastolic period about twice the systolic period; the 65 mmHg threshold is from Evans L, Rhodes A, Alhazzani W, et al. Surviving Sepsis Campaign: international guidelines for management of sepsis and septic shock 2021. Intensive Care Med. 2021;47(11):1181-1247.", "10.1007/s00134-021-06506-y", "34599691"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        Common.RequireBelow(args, "diastolicBp", "systolicBp", "Diastolic pressure must be lower than systolic pressure.");
        var map = (2 * args.Number("diastolicBp") + args.Number("systolicBp")) / 3;
        return Outcome.Measure(map, 1, ResultUnit, map < 65 ? "Low" : "Adequate",
            map < 65 ? "MAP below 65 mmHg, the usual minimum target in shock." : "MAP at or above the 65 mmHg target used in shock.");
    }
}

/// <summary>CHA₂DS₂-VASc stroke risk score in atrial fibrillation.</summary>
internal sealed class Cha2ds2VascCalculator : Calculator
{
    public override string Id => "cha2ds2-vasc";
    public override string Name => "CHA₂DS₂-VASc score";
    public override string Description => "Stroke and thromboembolism risk in non-valvular atrial fibrillation.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["chads-vasc", "cha2ds2vasc", "chadsvasc", "cha2ds2-vasc-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.Sex,
        In.Flag("chf", "Congestive heart failure (or LV dysfunction)", "Does the patient have heart failure or LV dysfunction?", "congestive heart failure", "heart failure", "hf", "lv dysfunction"),
        In.Flag("hypertension", "Hypertension", "Does the patient have hypertension?", "htn", "high blood pressure", "hypertensive"),
        In.Flag("strokeTia", "Prior stroke, TIA or thromboembolism", "Has the patient had a stroke, TIA or thromboembolism?", "stroke", "tia", "prior stroke", "thromboembolism", "stroke or tia", "stroke tia thromboembolism"),
        In.Flag("vascularDisease", "Vascular disease (prior MI, peripheral artery disease, aortic plaque)", "Does the patient have vascular disease such as prior MI, peripheral artery disease or aortic plaque?", "vascular disease", "prior mi", "pad", "peripheral artery disease", "aortic plaque"),
        In.Flag("diabetes", "Diabetes mellitus", "Does the patient have diabetes?", "dm", "diabetes mellitus", "diabetic"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Lip GY, Nieuwlaat R, Pisters R, Lane DA, Crijns HJ. Refining clinical risk stratification for predicting stroke and thromboembolism in atrial fibrillation using a novel risk factor-based approach: the Euro Heart Survey on atrial fibrillation. Chest. 2010;137(2):263-272.", "10.1378/chest.09-1584", "19762550"),
        new("Hindricks G, Potpara T, Dagres N, et al. 2020 ESC Guidelines for the diagnosis and management of atrial fibrillation. Eur Heart J. 2021;42(5):373-498.", "10.1093/eurheartj/ehaa612", "32860505"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var female = Common.IsFemale(args);
        var sheet = new ScoreSheet(args)
            .Flag("chf", "Congestive heart failure", 1)
            .Flag("hypertension", "Hypertension", 1)
            .Band("age", "Age ≥ 75 (2) or 65–74 (1)", age >= 75 ? 2 : age >= 65 ? 1 : 0)
            .Flag("diabetes", "Diabetes mellitus", 1)
            .Flag("strokeTia", "Stroke, TIA or thromboembolism", 2)
            .Flag("vascularDisease", "Vascular disease", 1)
            .Add("Sex category (female)", args.Show("sex"), female ? 1 : 0);
        var nonSex = sheet.Total - (female ? 1 : 0);
        var (category, meaning) = nonSex switch
        {
            0 => ("Low", "Low risk: no antithrombotic therapy for stroke prevention (ESC 2020)."),
            1 => ("Moderate", "One non-sex risk factor: oral anticoagulation should be considered (ESC 2020)."),
            _ => ("High", "Two or more non-sex risk factors: oral anticoagulation is recommended (ESC 2020)."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>HAS-BLED one-year major bleeding risk on anticoagulation.</summary>
internal sealed class HasBledCalculator : Calculator
{
    public override string Id => "has-bled";
    public override string Name => "HAS-BLED score";
    public override string Description => "One-year risk of major bleeding in patients with atrial fibrillation on anticoagulation.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["hasbled", "has-bled-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        In.Flag("hypertension", "Hypertension (uncontrolled, systolic > 160 mmHg)", "Is there uncontrolled hypertension with systolic above 160?", "uncontrolled hypertension", "htn", "high blood pressure"),
        In.Flag("abnormalRenalFunction", "Abnormal renal function (dialysis, transplant, creatinine ≥ 2.26 mg/dL or 200 µmol/L)", "Is there dialysis, a kidney transplant, or creatinine of 2.26 mg/dL or more?", "renal disease", "abnormal renal function", "renal impairment", "dialysis", "kidney disease"),
        In.Flag("abnormalLiverFunction", "Abnormal liver function (cirrhosis, or bilirubin > 2× with AST/ALT/ALP > 3× upper limit)", "Is there cirrhosis or significantly deranged liver tests?", "liver disease", "abnormal liver function", "cirrhosis", "hepatic impairment"),
        In.Flag("stroke", "Prior stroke", "Has the patient had a stroke?", "prior stroke", "history of stroke"),
        In.Flag("bleeding", "Prior major bleeding or predisposition to bleeding", "Has there been major bleeding or a predisposition to bleeding?", "bleeding history", "prior bleeding", "major bleeding", "bleeding predisposition"),
        In.Flag("labileInr", "Labile INR (unstable, high, or time in range < 60%)", "Is the INR labile?", "labile inr", "unstable inr"),
        In.Flag("drugs", "Drugs predisposing to bleeding (antiplatelets, NSAIDs)", "Is the patient taking antiplatelet drugs or NSAIDs?", "antiplatelet", "nsaids", "aspirin", "medication predisposing to bleeding", "antiplatelets or nsaids"),
        In.Flag("alcohol", "Alcohol use (≥ 8 drinks a week)", "Does the patient drink 8 or more drinks a week?", "alcohol use", "alcohol excess", "etoh"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Pisters R, Lane DA, Nieuwlaat R, de Vos CB, Crijns HJ, Lip GY. A novel user-friendly score (HAS-BLED) to assess 1-year risk of major bleeding in patients with atrial fibrillation: the Euro Heart Survey. Chest. 2010;138(5):1093-1100.", "10.1378/chest.10-0134", "20299623"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var sheet = new ScoreSheet(args)
            .Flag("hypertension", "Hypertension", 1)
            .Flag("abnormalRenalFunction", "Abnormal renal function", 1)
            .Flag("abnormalLiverFunction", "Abnormal liver function", 1)
            .Flag("stroke", "Stroke", 1)
            .Flag("bleeding", "Bleeding history or predisposition", 1)
            .Flag("labileInr", "Labile INR", 1)
            .Band("age", "Elderly (age > 65)", args.Number("age") > 65 ? 1 : 0)
            .Flag("drugs", "Drugs (antiplatelets or NSAIDs)", 1)
            .Flag("alcohol", "Alcohol", 1);
        var rate = sheet.Total switch { 0 => "1.13", 1 => "1.02", 2 => "1.88", 3 => "3.74", 4 => "8.70", 5 => "12.50", _ => null };
        var observed = rate is null ? "Too few patients scored above 5 in the derivation cohort to give a rate." : $"{rate} major bleeds per 100 patient-years in the derivation cohort.";
        return sheet.Total >= 3
            ? Outcome.Score(sheet, "High", $"HAS-BLED ≥ 3: high bleeding risk; caution and regular review, correct modifiable risk factors. {observed}")
            : Outcome.Score(sheet, "Low to moderate", $"HAS-BLED 0–2. {observed}");
    }
}

/// <summary>HEART score for major adverse cardiac events in chest pain.</summary>
internal sealed class HeartScoreCalculator : Calculator
{
    public override string Id => "heart";
    public override string Name => "HEART score";
    public override string Description => "History, ECG, Age, Risk factors and Troponin: risk of major adverse cardiac events in emergency chest pain.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["heart-score", "heart-score-chest-pain"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Choice("history", "History", "Is the history slightly, moderately or highly suspicious for ACS?",
            [new("slightly", "Slightly suspicious", 0, "low", "non suspicious", "nonspecific"), new("moderately", "Moderately suspicious", 1, "moderate", "intermediate"), new("highly", "Highly suspicious", 2, "high", "typical")],
            "history suspicion", "chest pain history", "anamnesis"),
        In.Choice("ecg", "ECG", "Is the ECG normal, showing non-specific repolarisation changes, or significant ST deviation?",
            [new("normal", "Normal", 0), new("nonspecific", "Non-specific repolarisation disturbance (LBBB, LVH, paced, digoxin, repolarisation changes)", 1, "non-specific", "non specific repolarization", "lbbb", "lvh", "repolarization"), new("st-deviation", "Significant ST deviation", 2, "st depression", "st elevation", "significant st deviation", "st deviation")],
            "ekg", "electrocardiogram"),
        Common.Age,
        In.Number("riskFactorCount", "Number of risk factors", Quantities.Unitless, 0, 10, "How many cardiovascular risk factors does the patient have?", "risk factors", "number of risk factors").Optional()
            .WithHelp("Hypercholesterolaemia, hypertension, diabetes, current or recent smoking, family history, obesity. When omitted, the individual flags below are counted."),
        In.Flag("hypertension", "Hypertension", "Does the patient have hypertension?", "htn"),
        In.Flag("hypercholesterolemia", "Hypercholesterolaemia", "Does the patient have high cholesterol?", "hyperlipidemia", "dyslipidemia", "high cholesterol", "hypercholesterolaemia"),
        In.Flag("diabetes", "Diabetes mellitus", "Does the patient have diabetes?", "dm", "diabetes mellitus"),
        In.Flag("obesity", "Obesity (BMI > 30)", "Is the patient obese (BMI over 30)?", "obese"),
        In.Flag("smoking", "Current or recent (< 3 months) smoker", "Does the patient smoke, or stop less than 3 months ago?", "smoker", "current smoker", "tobacco"),
        In.Flag("familyHistory", "Family history of premature cardiovascular disease", "Is there a family history of premature cardiovascular disease?", "family history", "family history of cad"),
        In.Flag("atheroscleroticDisease", "Known atherosclerotic disease (prior MI, revascularisation, stroke/TIA, peripheral arterial disease)", "Does the patient have known atherosclerotic disease?", "history of atherosclerotic disease", "known cad", "prior mi", "atherosclerosis"),
        In.Choice("troponin", "Initial troponin", "Is the troponin normal, one to three times, or more than three times the normal limit?",
            [new("normal", "≤ normal limit", 0, "negative", "normal limit", "≤1x"), new("1-3x", "1–3 × normal limit", 1, "1 to 3 times", "mildly elevated", "between 1 and 3 times"), new(">3x", "> 3 × normal limit", 2, "more than 3 times", "greater than 3 times", "markedly elevated", "3x")],
            "troponin level", "initial troponin", "trop"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Six AJ, Backus BE, Kelder JC. Chest pain in the emergency room: value of the HEART score. Neth Heart J. 2008;16(6):191-196.", "10.1007/BF03086144", "18665203"),
    ];

    private static readonly string[] RiskFactorFlags = ["hypertension", "hypercholesterolemia", "diabetes", "obesity", "smoking", "familyHistory"];

    private static double Points(string choice, InputSpec spec) => spec.Choices.First(c => c.Value == choice).Number ?? 0;

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var count = args.OptionalNumber("riskFactorCount")
            ?? RiskFactorFlags.Count(args.Flag);
        var athero = args.Flag("atheroscleroticDisease");
        var riskPoints = count >= 3 || athero ? 2 : count >= 1 ? 1 : 0;
        var sheet = new ScoreSheet(args)
            .Add("History", args.Show("history"), Points(args.Choice("history"), Inputs[0]))
            .Add("ECG", args.Show("ecg"), Points(args.Choice("ecg"), Inputs[1]))
            .Band("age", "Age (< 45: 0, 45–64: 1, ≥ 65: 2)", age >= 65 ? 2 : age >= 45 ? 1 : 0)
            .Add("Risk factors (none: 0, 1–2: 1, ≥ 3 or atherosclerotic disease: 2)", $"{count} risk factor(s){(athero ? ", known atherosclerotic disease" : string.Empty)}", riskPoints)
            .Add("Troponin", args.Show("troponin"), Points(args.Choice("troponin"), Inputs[^1]));
        var (category, meaning) = sheet.Total switch
        {
            <= 3 => ("Low", "HEART 0–3: low risk; 2.5% major adverse cardiac events at 6 weeks in the derivation cohort; early discharge can be considered."),
            <= 6 => ("Moderate", "HEART 4–6: moderate risk; 20.3% major adverse cardiac events; admission for observation and further testing."),
            _ => ("High", "HEART 7–10: high risk; 72.7% major adverse cardiac events; early invasive strategy."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Revised Cardiac Risk Index (Lee) for major cardiac complications of non-cardiac surgery.</summary>
internal sealed class RevisedCardiacRiskIndexCalculator : Calculator
{
    public override string Id => "rcri";
    public override string Name => "Revised Cardiac Risk Index (Lee)";
    public override string Description => "Risk of major cardiac complications after major non-cardiac surgery.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["revised-cardiac-risk-index", "lee-index", "lee"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Flag("highRiskSurgery", "High-risk surgery (intraperitoneal, intrathoracic or suprainguinal vascular)", "Is the surgery intraperitoneal, intrathoracic or suprainguinal vascular?", "high risk surgery", "elevated risk surgery"),
        In.Flag("ischemicHeartDisease", "History of ischaemic heart disease", "Does the patient have ischaemic heart disease?", "ischemic heart disease", "ihd", "cad", "coronary artery disease", "history of mi", "angina"),
        In.Flag("heartFailure", "History of congestive heart failure", "Does the patient have a history of heart failure?", "chf", "congestive heart failure", "hf"),
        In.Flag("cerebrovascularDisease", "History of cerebrovascular disease (stroke or TIA)", "Has the patient had a stroke or TIA?", "cerebrovascular disease", "stroke", "tia"),
        In.Flag("insulin", "Pre-operative insulin treatment", "Is the patient treated with insulin?", "insulin treatment", "diabetes on insulin", "insulin dependent diabetes"),
        In.Number("creatinine", "Pre-operative serum creatinine", Quantities.Creatinine, 0.1, 40, "What is the pre-operative creatinine?", "serum creatinine", "scr", "cr").Optional()
            .WithHelp("Scores a point above 2.0 mg/dL (177 µmol/L); when omitted, the flag creatinineAbove2 is used."),
        In.Flag("creatinineAbove2", "Creatinine > 2 mg/dL (177 µmol/L)", "Is the creatinine above 2 mg/dL?", "creatinine > 2", "elevated creatinine"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Lee TH, Marcantonio ER, Mangione CM, et al. Derivation and prospective validation of a simple index for prediction of cardiac risk of major noncardiac surgery. Circulation. 1999;100(10):1043-1049.", "10.1161/01.cir.100.10.1043", "10477528"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var creatinine = args.OptionalNumber("creatinine");
        var sheet = new ScoreSheet(args)
            .Flag("highRiskSurgery", "High-risk surgery", 1)
            .Flag("ischemicHeartDisease", "Ischaemic heart disease", 1)
            .Flag("heartFailure", "Congestive heart failure", 1)
            .Flag("cerebrovascularDisease", "Cerebrovascular disease", 1)
            .Flag("insulin", "Insulin treatment", 1)
            .Add("Creatinine > 2 mg/dL", creatinine is null ? args.Show("creatinineAbove2") : args.Show("creatinine"), (creatinine is { } c ? c > 2 : args.Flag("creatinineAbove2")) ? 1 : 0);
        var (category, meaning) = sheet.Total switch
        {
            0 => ("Class I", "0 points: 0.4% major cardiac complications in the validation cohort."),
            1 => ("Class II", "1 point: 0.9% major cardiac complications in the validation cohort."),
            2 => ("Class III", "2 points: 6.6% major cardiac complications in the validation cohort."),
            _ => ("Class IV", "3 or more points: 11% major cardiac complications in the validation cohort."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>GRACE in-hospital mortality score (Granger 2003 nomogram).</summary>
internal sealed class GraceCalculator : Calculator
{
    public override string Id => "grace";
    public override string Name => "GRACE score (in-hospital mortality)";
    public override string Description => "GRACE nomogram points for in-hospital death in acute coronary syndromes.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["grace-in-hospital", "grace-acs", "grace-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.HeartRate,
        Common.Systolic,
        Common.Creatinine,
        In.Choice("killipClass", "Killip class", "What is the Killip class?",
            [
                new("I", "Class I: no heart failure", 1, "1", "no chf", "no heart failure", "killip i"),
                new("II", "Class II: rales and/or raised JVP", 2, "2", "rales", "killip ii"),
                new("III", "Class III: pulmonary oedema", 3, "3", "pulmonary edema", "killip iii"),
                new("IV", "Class IV: cardiogenic shock", 4, "4", "cardiogenic shock", "killip iv"),
            ],
            "killip", "killip classification"),
        In.Flag("cardiacArrest", "Cardiac arrest at admission", "Was there a cardiac arrest at admission?", "cardiac arrest", "arrest at admission"),
        In.Flag("stDeviation", "ST-segment deviation", "Is there ST-segment deviation on the ECG?", "st segment deviation", "st deviation", "st changes", "st depression", "st elevation"),
        In.Flag("elevatedEnzymes", "Elevated cardiac enzymes or markers", "Are the cardiac enzymes or troponin elevated?", "elevated troponin", "positive troponin", "abnormal cardiac enzymes", "elevated cardiac markers"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Granger CB, Goldberg RJ, Dabbous O, et al. Predictors of hospital mortality in the global registry of acute coronary events. Arch Intern Med. 2003;163(19):2345-2353.", "10.1001/archinte.163.19.2345", "14581255"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
        ["Categories are those used for non-ST-elevation ACS (≤ 108 low, 109–140 intermediate, > 140 high in-hospital risk). The 6-month post-discharge model is the separate calculator grace-6-month."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (age, rate, sbp, scr) = (args.Number("age"), args.Number("heartRate"), args.Number("systolicBp"), args.Number("creatinine"));
        var sheet = new ScoreSheet(args)
            .Band("age", "Age", age switch { < 30 => 0, < 40 => 8, < 50 => 25, < 60 => 41, < 70 => 58, < 80 => 75, < 90 => 91, _ => 100 })
            .Band("heartRate", "Heart rate", rate switch { < 50 => 0, < 70 => 3, < 90 => 9, < 110 => 15, < 150 => 24, < 200 => 38, _ => 46 })
            .Band("systolicBp", "Systolic blood pressure", sbp switch { < 80 => 58, < 100 => 53, < 120 => 43, < 140 => 34, < 160 => 24, < 200 => 10, _ => 0 })
            .Band("creatinine", "Creatinine", scr switch { < 0.4 => 1, < 0.8 => 4, < 1.2 => 7, < 1.6 => 10, < 2.0 => 13, < 4.0 => 21, _ => 28 })
            .Add("Killip class", args.Show("killipClass"), args.Choice("killipClass") switch { "I" => 0, "II" => 20, "III" => 39, _ => 59 })
            .Flag("cardiacArrest", "Cardiac arrest at admission", 39)
            .Flag("stDeviation", "ST-segment deviation", 28)
            .Flag("elevatedEnzymes", "Elevated cardiac enzymes", 14);
        var (category, meaning) = sheet.Total switch
        {
            <= 108 => ("Low", "GRACE ≤ 108: low in-hospital mortality risk (< 1%) in non-ST-elevation ACS."),
            <= 140 => ("Intermediate", "GRACE 109–140: intermediate in-hospital mortality risk (1–3%) in non-ST-elevation ACS."),
            _ => ("High", "GRACE > 140: high in-hospital mortality risk (> 3%) in non-ST-elevation ACS."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>GRACE 6-month post-discharge mortality: the nine-variable Eagle 2004 nomogram, scored at discharge.</summary>
internal sealed class Grace6MonthCalculator : Calculator
{
    public override string Id => "grace-6-month";
    public override string Name => "GRACE score (6-month post-discharge mortality)";
    public override string Description => "GRACE nomogram points (Eagle 2004) for death in the 6 months after discharge from an admission for acute coronary syndrome.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["grace-discharge", "grace-post-discharge", "grace-6m", "grace-six-month", "grace-6-months"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.HeartRate.WithHelp("Resting heart rate at presentation."),
        Common.Systolic.WithHelp("Systolic blood pressure at presentation."),
        Common.Creatinine.WithHelp("Initial serum creatinine."),
        In.Flag("chfHistory", "History of congestive heart failure", "Does the patient have a history of heart failure?", "history of heart failure", "history of chf", "prior heart failure", "congestive heart failure", "heart failure"),
        In.Flag("miHistory", "History of myocardial infarction", "Has the patient had a previous myocardial infarction?", "history of mi", "prior mi", "previous mi", "prior myocardial infarction", "previous heart attack"),
        In.Flag("stDepression", "ST-segment depression on the presenting ECG", "Was there ST-segment depression on the presenting ECG?", "st depression", "st segment depression"),
        In.Flag("elevatedEnzymes", "Elevated initial cardiac enzymes or markers", "Were the initial cardiac enzymes or troponin elevated?", "elevated troponin", "positive troponin", "abnormal cardiac enzymes", "elevated cardiac markers"),
        new InputSpec("inHospitalPci", "Percutaneous coronary intervention during the admission", InputKind.Boolean, "Did the patient have a PCI during this admission?")
        {
            Synonyms = ["pci", "in-hospital pci", "percutaneous coronary intervention", "stent", "angioplasty"],
            Help = "Required: not having a PCI in hospital scores 14 points, so it is never assumed.",
        },
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Eagle KA, Lim MJ, Dabbous OH, et al. A validated prediction model for all forms of acute coronary syndrome: estimating the risk of 6-month postdischarge death in an international registry. JAMA. 2004;291(22):2727-2733.", "10.1001/jama.291.22.2727", "15187054"),
        new("Bassand JP, Hamm CW, Ardissino D, et al. Guidelines for the diagnosis and treatment of non-ST-segment elevation acute coronary syndromes. Eur Heart J. 2007;28(13):1598-1660 (Table 5: GRACE risk categories).", "10.1093/eurheartj/ehm161", "17569677"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Eagle 2004 post-discharge model (not the Fox 2006 admission-to-6-month model): age, history of heart failure, history of MI, heart rate and systolic pressure at presentation, initial creatinine, ST-segment depression, elevated cardiac enzymes, and no in-hospital PCI. Scored at discharge, for patients who survived the admission.",
        "Risk categories are those published for non-ST-elevation ACS (≤ 88 low, < 3%; 89–118 intermediate, 3–8%; > 118 high, > 8% 6-month mortality).",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (age, rate, sbp, scr) = (args.Number("age"), args.Number("heartRate"), args.Number("systolicBp"), args.Number("creatinine"));
        var sheet = new ScoreSheet(args)
            .Band("age", "Age", age switch { < 40 => 0, < 50 => 18, < 60 => 36, < 70 => 55, < 80 => 73, < 90 => 91, _ => 100 })
            .Flag("chfHistory", "History of congestive heart failure", 24)
            .Flag("miHistory", "History of myocardial infarction", 12)
            .Band("heartRate", "Resting heart rate", rate switch { < 50 => 0, < 70 => 3, < 90 => 9, < 110 => 14, < 150 => 23, < 200 => 35, _ => 43 })
            .Band("systolicBp", "Systolic blood pressure", sbp switch { < 80 => 24, < 100 => 22, < 120 => 18, < 140 => 14, < 160 => 10, < 200 => 4, _ => 0 })
            .Flag("stDepression", "ST-segment depression", 11)
            .Band("creatinine", "Initial serum creatinine", scr switch { < 0.4 => 1, < 0.8 => 3, < 1.2 => 5, < 1.6 => 7, < 2.0 => 9, < 4.0 => 15, _ => 20 })
            .Flag("elevatedEnzymes", "Elevated cardiac enzymes", 15)
            .Add("No in-hospital PCI", args.Show("inHospitalPci"), args.Flag("inHospitalPci") ? 0 : 14);
        var (category, meaning) = sheet.Total switch
        {
            <= 88 => ("Low", "GRACE ≤ 88: low risk of death within 6 months of discharge (< 3%) in non-ST-elevation ACS."),
            <= 118 => ("Intermediate", "GRACE 89–118: intermediate risk of death within 6 months of discharge (3–8%) in non-ST-elevation ACS."),
            _ => ("High", "GRACE > 118: high risk of death within 6 months of discharge (> 8%) in non-ST-elevation ACS."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Framingham 10-year risk of hard coronary heart disease (NCEP ATP III).</summary>
internal sealed class FraminghamCalculator : Calculator
{
    public override string Id => "framingham";
    public override string Name => "Framingham risk score (hard CHD, ATP III)";
    public override string Description => "10-year risk of myocardial infarction or coronary death for adults 20–79 without diabetes or heart disease, by the ATP III Framingham hard-CHD equation.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "%";
    public override IReadOnlyList<string> Aliases => ["framingham-risk-score", "framingham-hard-chd", "atp-iii"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age.Between(20, 79),
        Common.Sex,
        In.Number("totalCholesterol", "Total cholesterol", Quantities.Cholesterol, 50, 1000, "What is the total cholesterol?", "tc", "total chol", "cholesterol"),
        In.Number("hdl", "HDL cholesterol", Quantities.Cholesterol, 5, 200, "What is the HDL cholesterol?", "hdl cholesterol", "hdl-c"),
        Common.Systolic,
        In.Flag("smoker", "Current smoker", "Does the patient currently smoke?", "smoking", "current smoker", "tobacco"),
        In.Flag("bloodPressureTreated", "On treatment for hypertension", "Is the blood pressure being treated with medication?", "bp medication", "treated hypertension", "antihypertensive", "bp treated", "bp medicine"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Expert Panel on Detection, Evaluation, and Treatment of High Blood Cholesterol in Adults. Executive Summary of the Third Report of the National Cholesterol Education Program (NCEP) Expert Panel (Adult Treatment Panel III). JAMA. 2001;285(19):2486-2497.", "10.1001/jama.285.19.2486", "11368702"),
        new("Wilson PW, D'Agostino RB, Levy D, Belanger AM, Silbershatz H, Kannel WB. Prediction of coronary heart disease using risk factor categories. Circulation. 1998;97(18):1837-1847.", "10.1161/01.cir.97.18.1837", "9603539"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
        ["Uses the ATP III hard-CHD Cox model (baseline survival 0.9402 men, 0.98767 women); for the smoking interaction age is capped at 70 (men) and 78 (women). Not for patients with diabetes or known coronary disease."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var female = Common.IsFemale(args);
        var age = args.Number("age");
        var (lnAge, lnTc, lnHdl, lnSbp) = (Math.Log(age), Math.Log(args.Number("totalCholesterol")), Math.Log(args.Number("hdl")), Math.Log(args.Number("systolicBp")));
        var (smoker, treated) = (args.Flag("smoker") ? 1 : 0, args.Flag("bloodPressureTreated") ? 1 : 0);
        var lnAgeSmoke = Math.Log(Math.Min(age, female ? 78 : 70));
        double sum;
        double risk;
        if (female)
        {
            sum = 31.764001 * lnAge + 22.465206 * lnTc - 1.187731 * lnHdl + 2.552905 * lnSbp + 0.420251 * treated + 13.07543 * smoker
                - 5.060998 * lnAge * lnTc - 2.996945 * lnAgeSmoke * smoker - 146.5933061;
            risk = 1 - Math.Pow(0.98767, Math.Exp(sum));
        }
        else
        {
            sum = 52.00961 * lnAge + 20.014077 * lnTc - 0.905964 * lnHdl + 1.305784 * lnSbp + 0.241549 * treated + 12.096316 * smoker
                - 4.605038 * lnAge * lnTc - 2.84367 * lnAgeSmoke * smoker - 2.93323 * lnAge * lnAge - 172.300168;
            risk = 1 - Math.Pow(0.9402, Math.Exp(sum));
        }

        var percent = risk * 100;
        var (category, meaning) = percent switch
        {
            < 10 => ("Low", "10-year hard CHD risk < 10% (ATP III lower-risk category)."),
            <= 20 => ("Intermediate", "10-year hard CHD risk 10–20% (ATP III moderately high risk)."),
            _ => ("High", "10-year hard CHD risk > 20% (ATP III CHD risk equivalent)."),
        };
        return Outcome.Measure(percent, 2, ResultUnit, category, meaning) with
        {
            Outputs = [Outcome.Output("linearPredictor", "Model linear predictor", sum, 4, string.Empty)],
        };
    }
}
