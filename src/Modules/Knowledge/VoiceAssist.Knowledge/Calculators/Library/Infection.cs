using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>CURB-65 severity score for community-acquired pneumonia.</summary>
internal sealed class Curb65Calculator : Calculator
{
    public override string Id => "curb-65";
    public override string Name => "CURB-65";
    public override string Description => "Severity of community-acquired pneumonia: confusion, urea > 7 mmol/L, respiratory rate ≥ 30, low blood pressure, age ≥ 65.";
    public override string Category => "Pulmonology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["curb65", "curb-65-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Flag("confusion", "New confusion", "Is the patient newly confused?", "new confusion", "altered mental status", "disoriented", "mental confusion"),
        Common.Bun,
        Common.RespiratoryRate,
        Common.Systolic,
        Common.Diastolic,
        Common.Age,
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Lim WS, van der Eerden MM, Laing R, et al. Defining community acquired pneumonia severity on presentation to hospital: an international derivation and validation study. Thorax. 2003;58(5):377-382.", "10.1136/thorax.58.5.377", "12728155"),
    ];

    public override IReadOnlyList<string> Notes { get; } = ["Urea > 7 mmol/L is taken as BUN > 19.6 mg/dL (7 × 2.801)."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        Common.RequireBelow(args, "diastolicBp", "systolicBp", "Diastolic pressure must be lower than systolic pressure.");
        var sheet = new ScoreSheet(args)
            .Flag("confusion", "Confusion", 1)
            .Band("bun", "Urea > 7 mmol/L (BUN > 19.6 mg/dL)", args.Number("bun") / 2.801 > 7 ? 1 : 0)
            .Band("respiratoryRate", "Respiratory rate ≥ 30/min", args.Number("respiratoryRate") >= 30 ? 1 : 0)
            .Add("Systolic < 90 or diastolic ≤ 60 mmHg", $"{args.Show("systolicBp")} / {args.Show("diastolicBp")}", args.Number("systolicBp") < 90 || args.Number("diastolicBp") <= 60 ? 1 : 0)
            .Band("age", "Age ≥ 65", args.Number("age") >= 65 ? 1 : 0);
        var (category, meaning) = sheet.Total switch
        {
            0 => ("Low", "CURB-65 0: 30-day mortality 0.7% in the derivation cohort; low risk, consider home treatment."),
            1 => ("Low", "CURB-65 1: 30-day mortality 2.1%; low risk, consider home treatment."),
            2 => ("Moderate", "CURB-65 2: 30-day mortality 9.2%; consider short inpatient or hospital-supervised treatment."),
            3 => ("Severe", "CURB-65 3: 30-day mortality 14.5%; severe pneumonia, manage in hospital."),
            4 => ("Severe", "CURB-65 4: 30-day mortality 40%; severe pneumonia, consider intensive care."),
            _ => ("Severe", "CURB-65 5: 30-day mortality 57%; severe pneumonia, consider intensive care."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Pneumonia Severity Index (PORT score).</summary>
internal sealed class PneumoniaSeverityIndexCalculator : Calculator
{
    public override string Id => "psi";
    public override string Name => "Pneumonia Severity Index (PSI/PORT)";
    public override string Description => "Risk class and 30-day mortality in community-acquired pneumonia.";
    public override string Category => "Pulmonology";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["port", "psi-port", "pneumonia-severity-index", "port-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.Sex,
        In.Flag("nursingHomeResident", "Nursing home resident", "Does the patient live in a nursing home?", "nursing home", "nursing home resident"),
        In.Flag("neoplasticDisease", "Neoplastic disease", "Does the patient have active cancer?", "cancer", "malignancy", "neoplastic disease"),
        In.Flag("liverDisease", "Liver disease", "Does the patient have liver disease?", "cirrhosis", "liver disease history"),
        In.Flag("chf", "Congestive heart failure", "Does the patient have heart failure?", "heart failure", "congestive heart failure"),
        In.Flag("cerebrovascularDisease", "Cerebrovascular disease", "Has the patient had a stroke or TIA?", "stroke", "cerebrovascular disease", "tia"),
        In.Flag("renalDisease", "Renal disease", "Does the patient have chronic kidney disease?", "renal disease", "ckd", "kidney disease"),
        In.Flag("alteredMentalStatus", "Altered mental status", "Is the mental status altered?", "confusion", "altered mental status", "disorientation"),
        Common.RespiratoryRate,
        Common.Systolic,
        Common.Temperature,
        Common.HeartRate,
        Common.Ph.Optional(),
        Common.Bun.Optional(),
        Common.Sodium.Optional(),
        Common.Glucose.Optional(),
        Common.Hematocrit.Optional(),
        Common.PaO2.Optional().WithHelp("PaO₂ < 60 mmHg or SaO₂ < 90% scores 10 points."),
        Common.OxygenSaturation.Optional(),
        In.Flag("pleuralEffusion", "Pleural effusion on chest radiograph", "Is there a pleural effusion on the chest X-ray?", "pleural effusion", "effusion"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Fine MJ, Auble TE, Yealy DM, et al. A prediction rule to identify low-risk patients with community-acquired pneumonia. N Engl J Med. 1997;336(4):243-250.", "10.1056/NEJM199701233360402", "8995086"),
    ];

    private static readonly string[] Comorbidities = ["neoplasticDisease", "liverDisease", "chf", "cerebrovascularDisease", "renalDisease"];

    public override IReadOnlyList<string> Notes { get; } = ["Laboratory values that were not measured score 0, as in the derivation study (assumed normal). Mortality figures are those of the PORT validation cohort."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (age, female) = (args.Number("age"), Common.IsFemale(args));
        var (rr, sbp, temp, hr) = (args.Number("respiratoryRate"), args.Number("systolicBp"), args.Number("temperature"), args.Number("heartRate"));
        var sheet = new ScoreSheet(args)
            .Add("Age (years; women − 10)", args.Show("age") + (female ? ", female" : string.Empty), female ? age - 10 : age)
            .Flag("nursingHomeResident", "Nursing home resident", 10)
            .Flag("neoplasticDisease", "Neoplastic disease", 30)
            .Flag("liverDisease", "Liver disease", 20)
            .Flag("chf", "Congestive heart failure", 10)
            .Flag("cerebrovascularDisease", "Cerebrovascular disease", 10)
            .Flag("renalDisease", "Renal disease", 10)
            .Flag("alteredMentalStatus", "Altered mental status", 20)
            .Band("respiratoryRate", "Respiratory rate ≥ 30/min", rr >= 30 ? 20 : 0)
            .Band("systolicBp", "Systolic blood pressure < 90 mmHg", sbp < 90 ? 20 : 0)
            .Band("temperature", "Temperature < 35 °C or ≥ 40 °C", temp < 35 || temp >= 40 ? 15 : 0)
            .Band("heartRate", "Pulse ≥ 125/min", hr >= 125 ? 10 : 0)
            .Band("ph", "Arterial pH < 7.35", args.OptionalNumber("ph") < 7.35 ? 30 : 0)
            .Band("bun", "BUN ≥ 30 mg/dL (urea ≥ 11 mmol/L)", args.OptionalNumber("bun") >= 30 ? 20 : 0)
            .Band("sodium", "Sodium < 130 mmol/L", args.OptionalNumber("sodium") < 130 ? 20 : 0)
            .Band("glucose", "Glucose ≥ 250 mg/dL (14 mmol/L)", args.OptionalNumber("glucose") >= 250 ? 10 : 0)
            .Band("hematocrit", "Haematocrit < 30%", args.OptionalNumber("hematocrit") < 30 ? 10 : 0)
            .Add("PaO₂ < 60 mmHg or SaO₂ < 90%", $"{args.Show("pao2")}; {args.Show("oxygenSaturation")}", args.OptionalNumber("pao2") < 60 || args.OptionalNumber("oxygenSaturation") < 90 ? 10 : 0)
            .Flag("pleuralEffusion", "Pleural effusion", 10);
        var comorbid = Comorbidities.Any(args.Flag);
        var abnormalExam = args.Flag("alteredMentalStatus") || rr >= 30 || sbp < 90 || temp < 35 || temp >= 40 || hr >= 125;
        var classOne = age <= 50 && !comorbid && !abnormalExam;
        var (category, meaning) = sheet.Total switch
        {
            _ when classOne => ("Class I", "Risk class I (age ≤ 50, no comorbidity, no abnormal vital signs or mental status): 30-day mortality 0.1%; outpatient care."),
            <= 70 => ("Class II", "Risk class II (≤ 70 points): 30-day mortality 0.6%; outpatient care."),
            <= 90 => ("Class III", "Risk class III (71–90 points): 30-day mortality 0.9%; outpatient care or brief inpatient observation."),
            <= 130 => ("Class IV", "Risk class IV (91–130 points): 30-day mortality 9.3%; inpatient care."),
            _ => ("Class V", "Risk class V (> 130 points): 30-day mortality 27.0%; inpatient care."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}

/// <summary>Centor score modified by McIsaac (age adjustment).</summary>
internal sealed class CentorCalculator : Calculator
{
    public override string Id => "centor";
    public override string Name => "Centor score (modified/McIsaac)";
    public override string Description => "Likelihood of group A streptococcal pharyngitis: the four Centor criteria plus McIsaac's age adjustment (+1 for 3–14 years, −1 for ≥ 45).";
    public override string Category => "Infectious disease";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["mcisaac", "centor-mcisaac", "modified-centor", "centor-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        In.Flag("tonsillarExudate", "Tonsillar swelling or exudate", "Are the tonsils swollen or is there exudate?", "exudate", "tonsillar exudate", "tonsillar swelling", "exudate or swelling on tonsils"),
        In.Flag("tenderAnteriorNodes", "Tender or swollen anterior cervical lymph nodes", "Are the anterior cervical lymph nodes tender or swollen?", "anterior cervical lymphadenopathy", "tender lymph nodes", "swollen lymph nodes", "cervical adenopathy"),
        In.Flag("fever", "Temperature > 38 °C", "Has the temperature been above 38 °C?", "fever", "history of fever", "temp > 38"),
        In.Flag("coughAbsent", "Cough absent", "Is cough absent?", "no cough", "absence of cough", "cough absent"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("McIsaac WJ, White D, Tannenbaum D, Low DE. A clinical score to reduce unnecessary antibiotic use in patients with sore throat. CMAJ. 1998;158(1):75-83.", Pmid: "9475915"),
        new("Centor RM, Witherspoon JM, Dalton HP, Brody CE, Link K. The diagnosis of strep throat in adults in the emergency room. Med Decis Making. 1981;1(3):239-246.", "10.1177/0272989X8100100304", "6763125"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var sheet = new ScoreSheet(args)
            .Flag("tonsillarExudate", "Tonsillar swelling or exudate", 1)
            .Flag("tenderAnteriorNodes", "Tender/swollen anterior cervical nodes", 1)
            .Flag("fever", "Temperature > 38 °C", 1)
            .Flag("coughAbsent", "Cough absent", 1);
        var centor = sheet.Total;
        sheet.Band("age", "Age 3–14 (+1), 15–44 (0), ≥ 45 (−1)", age >= 45 ? -1 : age is >= 3 and < 15 ? 1 : 0);
        var (category, meaning) = sheet.Total switch
        {
            <= 1 => ("Low", "Score ≤ 1: no culture or antibiotic needed (McIsaac 1998)."),
            <= 3 => ("Intermediate", "Score 2–3: throat culture or rapid antigen test; treat if positive (McIsaac 1998)."),
            _ => ("High", "Score ≥ 4: culture and consider empirical antibiotics (McIsaac 1998)."),
        };
        return Outcome.Score(sheet, category, meaning) with
        {
            Outputs = [Outcome.Output("originalCentor", "Original Centor score (without age)", centor, 0, "points")],
        };
    }
}

/// <summary>FeverPAIN score for streptococcal pharyngitis.</summary>
internal sealed class FeverPainCalculator : Calculator
{
    public override string Id => "feverpain";
    public override string Name => "FeverPAIN score";
    public override string Description => "Fever, Purulence, Attend rapidly, Inflamed tonsils, No cough or coryza: streptococcal sore throat in primary care.";
    public override string Category => "Infectious disease";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["fever-pain", "feverpain-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Flag("fever", "Fever in the past 24 hours", "Has there been a fever in the past 24 hours?", "fever in past 24 hours", "fever past 24h"),
        In.Flag("purulence", "Purulence (pharyngeal or tonsillar exudate)", "Is there pus on the tonsils or pharynx?", "pus", "exudate", "tonsillar exudate", "purulent tonsils"),
        In.Flag("attendRapidly", "Attended within 3 days of symptom onset", "Did the patient attend within 3 days of the symptoms starting?", "rapid attendance", "symptom onset ≤ 3 days", "attend rapidly", "onset within 3 days"),
        In.Flag("severelyInflamedTonsils", "Severely inflamed tonsils", "Are the tonsils severely inflamed?", "inflamed tonsils", "severe tonsillar inflammation"),
        In.Flag("noCoughOrCoryza", "No cough or coryza", "Is there no cough and no runny nose?", "absence of cough or coryza", "no cough", "no coryza", "no cough or coryza"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Little P, Hobbs FD, Moore M, et al. Clinical score and rapid antigen detection test to guide antibiotic use for sore throats: randomised controlled trial of PRISM (primary care streptococcal management). BMJ. 2013;347:f5806.", "10.1136/bmj.f5806", "24114306"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var sheet = new ScoreSheet(args)
            .Flag("fever", "Fever (past 24 hours)", 1)
            .Flag("purulence", "Purulence", 1)
            .Flag("attendRapidly", "Attend rapidly (≤ 3 days)", 1)
            .Flag("severelyInflamedTonsils", "Inflamed tonsils (severe)", 1)
            .Flag("noCoughOrCoryza", "No cough or coryza", 1);
        var (category, meaning) = sheet.Total switch
        {
            <= 1 => ("Low", "FeverPAIN 0–1: streptococcus isolated in about 13–18%; no antibiotic."),
            <= 3 => ("Intermediate", "FeverPAIN 2–3: streptococcus in about 34–40%; consider no antibiotic or a delayed prescription."),
            _ => ("High", "FeverPAIN 4–5: streptococcus in about 62–65%; consider an immediate antibiotic or a delayed prescription."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}
