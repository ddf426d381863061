using VoiceAssist.Knowledge.Calculators.ApacheMortality;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

internal static class Hemodynamics
{
    public static InputSpec MeanArterialPressure { get; } =
        In.Number("meanArterialPressure", "Mean arterial pressure", Quantities.Pressure, 10, 250, "What is the mean arterial pressure?", "map", "mean arterial pressure", "mean bp", "mean pressure")
            .Optional().WithHelp("Or give systolicBp and diastolicBp and it is calculated.");

    /// <summary>MAP as given, or from systolic and diastolic pressure; fails naming meanArterialPressure when neither is given.</summary>
    public static double Map(CalculatorArgs args) =>
        OptionalMap(args) ?? throw new CalculatorInputException("meanArterialPressure", "Mean arterial pressure is required (10–250 mmHg), or both systolicBp and diastolicBp.");

    /// <summary>MAP as given, or from systolic and diastolic pressure; null when neither is given.</summary>
    public static double? OptionalMap(CalculatorArgs args)
    {
        if (args.OptionalNumber("meanArterialPressure") is { } map)
        {
            return map;
        }

        if (args.OptionalNumber("systolicBp") is { } sbp && args.OptionalNumber("diastolicBp") is { } dbp)
        {
            if (dbp >= sbp)
            {
                throw new CalculatorInputException("diastolicBp", "Diastolic pressure must be lower than systolic pressure.");
            }

            return (2 * dbp + sbp) / 3;
        }

        return null;
    }
}

/// <summary>Sequential (sepsis-related) Organ Failure Assessment.</summary>
internal sealed class SofaCalculator : Calculator
{
    private static readonly string[] Vasopressors = ["dopamine", "dobutamine", "epinephrine", "norepinephrine"];

    public override string Id => "sofa";
    public override string Name => "SOFA score";
    public override string Description => "Sequential Organ Failure Assessment: respiration, coagulation, liver, cardiovascular, central nervous system and renal dysfunction (0–24).";
    public override string Category => "Critical care";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["sofa-score", "sequential-organ-failure-assessment"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.PaO2,
        Common.FiO2,
        In.Flag("mechanicalVentilation", "On mechanical ventilation or other respiratory support", "Is the patient on mechanical ventilation or CPAP?", "ventilated", "mechanical ventilation", "intubated", "respiratory support", "cpap"),
        Common.Platelets,
        Common.Gcs,
        Common.Bilirubin,
        Hemodynamics.MeanArterialPressure,
        Common.Systolic.Optional(),
        Common.Diastolic.Optional(),
        In.Number("dopamine", "Dopamine", Quantities.MicrogramsPerKgMinute, 0, 100, "What dose of dopamine, in micrograms per kilogram per minute?", "dopamine dose").Optional(0.0),
        In.Number("dobutamine", "Dobutamine", Quantities.MicrogramsPerKgMinute, 0, 100, "What dose of dobutamine, in micrograms per kilogram per minute?", "dobutamine dose").Optional(0.0),
        In.Number("epinephrine", "Epinephrine (adrenaline)", Quantities.MicrogramsPerKgMinute, 0, 10, "What dose of epinephrine, in micrograms per kilogram per minute?", "adrenaline", "epinephrine dose").Optional(0.0),
        In.Number("norepinephrine", "Norepinephrine (noradrenaline)", Quantities.MicrogramsPerKgMinute, 0, 10, "What dose of norepinephrine, in micrograms per kilogram per minute?", "noradrenaline", "norepinephrine dose", "levophed").Optional(0.0),
        Common.Creatinine.Optional().WithHelp("Or a 24-hour urine output below 500 mL, which scores the renal points on its own."),
        In.Number("urineOutput", "Urine output", Quantities.UrineOutput, 0, 20000, "How much urine has the patient passed in 24 hours?", "urine output", "uop", "24h urine output").Optional(),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Vincent JL, Moreno R, Takala J, et al. The SOFA (Sepsis-related Organ Failure Assessment) score to describe organ dysfunction/failure. Intensive Care Med. 1996;22(7):707-710.", "10.1007/BF01709751", "8844239"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Vasopressors at least one hour, doses in µg/kg/min. A PaO₂/FiO₂ below 200 scores 3 or 4 only with respiratory support.",
        "Each organ takes its points from whichever of its criteria is met, as in Vincent 1996: a vasopressor dose decides the cardiovascular points without a mean arterial pressure, and a urine output below 500 mL/day decides the renal points without a creatinine. Each breakdown line names the inputs that decided it.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var ratio = args.Number("pao2") / (args.Number("fio2") / 100);
        var ventilated = args.Flag("mechanicalVentilation");
        var respiration = ratio switch { < 100 when ventilated => 4, < 200 when ventilated => 3, < 300 => 2, < 400 => 1, _ => 0 };
        var platelets = args.Number("platelets");
        var bilirubin = args.Number("bilirubin");
        var gcs = args.Number("gcs");
        var (cardiovascular, cardiovascularShown, cardiovascularBy) = Cardiovascular(args);
        var notes = new List<string>();
        var (renal, renalShown, renalBy) = Renal(args, notes);
        var sheet = new ScoreSheet(args)
            .Add("Respiration (PaO₂/FiO₂)", $"{Format.Number(ratio, 0)} mmHg{(ventilated ? ", on respiratory support" : string.Empty)}", respiration, ventilated && respiration >= 3 ? ["pao2", "fio2", "mechanicalVentilation"] : ["pao2", "fio2"])
            .Add("Coagulation (platelets)", args.Show("platelets"), platelets switch { < 20 => 4, < 50 => 3, < 100 => 2, < 150 => 1, _ => 0 }, "platelets")
            .Add("Liver (bilirubin)", args.Show("bilirubin"), bilirubin switch { >= 12 => 4, >= 6 => 3, >= 2 => 2, >= 1.2 => 1, _ => 0 }, "bilirubin")
            .Add("Cardiovascular (MAP or vasopressors)", cardiovascularShown, cardiovascular, cardiovascularBy)
            .Add("Central nervous system (GCS)", args.Show("gcs"), gcs switch { < 6 => 4, < 10 => 3, < 13 => 2, < 15 => 1, _ => 0 }, "gcs")
            .Add("Renal (creatinine or urine output)", renalShown, renal, renalBy);
        return Outcome.Score(sheet, null, "Higher scores indicate more organ dysfunction; an acute rise of 2 or more points with infection defines sepsis (Sepsis-3).") with { Notes = notes };
    }

    /// <summary>Vincent 1996: MAP &lt; 70 mmHg scores 1; dopamine ≤ 5 or any dobutamine 2; dopamine &gt; 5, epinephrine
    /// ≤ 0.1 or norepinephrine ≤ 0.1 scores 3; dopamine &gt; 15, epinephrine &gt; 0.1 or norepinephrine &gt; 0.1 scores 4. A
    /// vasopressor scores at least 2, more than the pressure can, so the pressure is needed only without one.</summary>
    private static (int Points, string Shown, string[] DecidedBy) Cardiovascular(CalculatorArgs args)
    {
        var doses = Vasopressors.ToDictionary(n => n, args.Number);
        var byDose = doses.Select(d => (Input: d.Key, Points: d.Key switch
        {
            "dopamine" => d.Value switch { > 15 => 4, > 5 => 3, > 0 => 2, _ => 0 },
            "dobutamine" => d.Value > 0 ? 2 : 0,
            _ => d.Value switch { > 0.1 => 4, > 0 => 3, _ => 0 },
        })).ToList();
        var pressorPoints = byDose.Max(d => d.Points);
        var map = Hemodynamics.OptionalMap(args);
        var mapShown = map is { } given ? $"MAP {Format.Number(given, 0)} mmHg" : "MAP not given";
        if (pressorPoints > 0)
        {
            var deciding = byDose.Where(d => d.Points == pressorPoints).Select(d => d.Input).ToArray();
            var pressors = string.Join(", ", byDose.Where(d => d.Points > 0).Select(d => $"{d.Input} {Format.Number(doses[d.Input], 3)} µg/kg/min"));
            return (pressorPoints, $"{pressors}; {mapShown} (a vasopressor decides these points)", deciding);
        }

        if (map is not { } pressure)
        {
            throw new CalculatorInputException("meanArterialPressure", "Mean arterial pressure is required (10–250 mmHg), or both systolicBp and diastolicBp, unless a vasopressor dose is given.");
        }

        string[] from = args.Has("meanArterialPressure") ? ["meanArterialPressure"] : ["systolicBp", "diastolicBp"];
        return (pressure < 70 ? 1 : 0, $"{mapShown}; no vasopressors", from);
    }

    /// <summary>Vincent 1996: creatinine 1.2–1.9 mg/dL scores 1, 2.0–3.4 scores 2, 3.5–4.9 or urine output &lt; 500 mL/day
    /// scores 3, ≥ 5.0 or urine output &lt; 200 mL/day scores 4; the higher of the two criteria counts.</summary>
    private static (int Points, string Shown, string[] DecidedBy) Renal(CalculatorArgs args, List<string> notes)
    {
        var creatinine = args.OptionalNumber("creatinine");
        var urine = args.OptionalNumber("urineOutput");
        var byUrine = urine switch { < 200 => 4, < 500 => 3, _ => 0 };
        if (creatinine is null && byUrine == 0)
        {
            throw new CalculatorInputException("creatinine", urine is null
                ? "Creatinine is required (0.1–40 mg/dL), or a 24-hour urine output below 500 mL, which scores the renal points on its own."
                : "Creatinine is required (0.1–40 mg/dL): a urine output of 500 mL/day or more does not score, so the creatinine decides the renal points.");
        }

        var byCreatinine = creatinine switch { null => 0, >= 5 => 4, >= 3.5 => 3, >= 2 => 2, >= 1.2 => 1, _ => 0 };
        var points = Math.Max(byCreatinine, byUrine);
        var decidedBy = new List<string>();
        if (creatinine is not null && (byCreatinine == points || byUrine == 0))
        {
            decidedBy.Add("creatinine");
        }

        if (urine is not null && byUrine == points && points > 0)
        {
            decidedBy.Add("urineOutput");
        }

        if (creatinine is null && byUrine == 3)
        {
            notes.Add("Creatinine not given: the renal points come from the urine output alone; a creatinine of 5.0 mg/dL or more would score 4.");
        }

        return (points, $"{args.Show("creatinine")}; urine output {args.Show("urineOutput")}", [.. decidedBy]);
    }
}

/// <summary>APACHE II severity of disease score (acute physiology, age and chronic health points).</summary>
internal sealed class ApacheIiCalculator : Calculator
{
    public override string Id => "apache-ii";
    public override string Name => "APACHE II score";
    public override string Description => "Acute Physiology and Chronic Health Evaluation II from the worst values in the first 24 hours in intensive care (0–71).";
    public override string Category => "Critical care";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["apache2", "apache", "apacheii", "apache-2"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.Temperature.WithHelp("Rectal (core) temperature."),
        Hemodynamics.MeanArterialPressure,
        Common.Systolic.Optional(),
        Common.Diastolic.Optional(),
        Common.HeartRate,
        Common.RespiratoryRate,
        Common.FiO2,
        Common.PaO2.Optional().WithHelp("Scored when FiO₂ < 50%."),
        In.Number("aaGradient", "A–a oxygen gradient", Quantities.Pressure, 0, 800, "What is the alveolar–arterial oxygen gradient?", "a-a gradient", "aa gradient", "a a gradient", "alveolar arterial gradient", "aado2").Optional()
            .WithHelp("Scored when FiO₂ ≥ 50%; calculated from PaO₂ and PaCO₂ at sea level when not given."),
        In.Number("paco2", "PaCO₂", Quantities.Pressure, 5, 200, "What is the arterial PaCO2?", "pa co2", "pco2").Optional(),
        Common.Ph,
        Common.Sodium,
        Common.Potassium,
        Common.Creatinine,
        In.Flag("acuteRenalFailure", "Acute renal failure (doubles creatinine points)", "Does the patient have acute kidney failure?", "acute kidney injury", "aki", "arf", "acute renal failure"),
        Common.Hematocrit,
        Common.WhiteCells,
        Common.Gcs,
        In.Flag("chronicHealth", "History of severe organ insufficiency or immunocompromise", "Does the patient have severe organ insufficiency (cirrhosis, NYHA IV, severe COPD, dialysis) or immunocompromise?", "severe organ insufficiency", "immunocompromised", "chronic health", "organ failure or immunocompromise"),
        In.Choice("admissionType", "Admission type", "Is this a non-operative, emergency post-operative, or elective post-operative admission?",
            [new("nonoperative", "Non-operative", null, "non-operative", "medical", "nonsurgical"), new("emergency-postoperative", "Emergency post-operative", null, "emergency", "emergency surgery", "emergency postoperative"), new("elective-postoperative", "Elective post-operative", null, "elective", "elective surgery", "elective postoperative")],
            "surgery type", "admission", "operative status").Optional("nonoperative"),
        In.Choice("diagnosticCategory", "Diagnostic category (reason for intensive care admission)", "What was the main reason for the intensive care admission?", ApacheIiDiagnosticWeights.Choices,
            "diagnosis", "admission diagnosis", "diagnostic category", "reason for admission").Optional()
            .WithHelp("Gives the predicted hospital mortality by the Knaus 1985 equation; post-operative categories need an emergency or elective post-operative admission."),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Knaus WA, Draper EA, Wagner DP, Zimmerman JE. APACHE II: a severity of disease classification system. Crit Care Med. 1985;13(10):818-829 (score; hospital death rate equation and diagnostic category weights in the appendix).", "10.1097/00003246-198510000-00009", "3928249"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Chronic health points: 5 for non-operative or emergency post-operative patients, 2 for elective post-operative patients.",
        "With a diagnostic category, the predicted hospital death rate R is ln(R/(1 − R)) = −3.517 + 0.146 × score + 0.603 (post-emergency surgery only) + the category weight from the Knaus 1985 appendix; post-operative patients admitted for sepsis or after cardiac arrest use the non-operative weights.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var age = args.Number("age");
        var temp = args.Number("temperature");
        var map = Hemodynamics.Map(args);
        var (hr, rr, fio2) = (args.Number("heartRate"), args.Number("respiratoryRate"), args.Number("fio2"));
        var sheet = new ScoreSheet(args)
            .Band("temperature", "Temperature", temp switch { >= 41 => 4, >= 39 => 3, >= 38.5 => 1, >= 36 => 0, >= 34 => 1, >= 32 => 2, >= 30 => 3, _ => 4 })
            .Add("Mean arterial pressure", $"{Format.Number(map, 0)} mmHg", map switch { >= 160 => 4, >= 130 => 3, >= 110 => 2, >= 70 => 0, >= 50 => 2, _ => 4 })
            .Band("heartRate", "Heart rate", hr switch { >= 180 => 4, >= 140 => 3, >= 110 => 2, >= 70 => 0, >= 55 => 2, >= 40 => 3, _ => 4 })
            .Band("respiratoryRate", "Respiratory rate", rr switch { >= 50 => 4, >= 35 => 3, >= 25 => 1, >= 12 => 0, >= 10 => 1, >= 6 => 2, _ => 4 });
        if (fio2 >= 50)
        {
            var gradient = args.OptionalNumber("aaGradient") ?? AaGradient(args, fio2);
            sheet.Add("Oxygenation: A–a gradient (FiO₂ ≥ 50%)", $"{Format.Number(gradient, 0)} mmHg", gradient switch { >= 500 => 4, >= 350 => 3, >= 200 => 2, _ => 0 });
        }
        else
        {
            var pao2 = args.OptionalNumber("pao2") ?? throw new CalculatorInputException("pao2", "PaO₂ is required when FiO₂ is below 50% (10–800 mmHg).");
            sheet.Add("Oxygenation: PaO₂ (FiO₂ < 50%)", $"{Format.Number(pao2, 0)} mmHg", pao2 switch { > 70 => 0, >= 61 => 1, >= 55 => 3, _ => 4 });
        }

        var (ph, na, k, cr, hct, wbc) = (args.Number("ph"), args.Number("sodium"), args.Number("potassium"), args.Number("creatinine"), args.Number("hematocrit"), args.Number("wbc"));
        var creatininePoints = cr switch { >= 3.5 => 4, >= 2 => 3, >= 1.5 => 2, >= 0.6 => 0, _ => 2 };
        var chronic = args.Flag("chronicHealth") ? (args.Choice("admissionType") == "elective-postoperative" ? 2 : 5) : 0;
        sheet
            .Band("ph", "Arterial pH", ph switch { >= 7.7 => 4, >= 7.6 => 3, >= 7.5 => 1, >= 7.33 => 0, >= 7.25 => 2, >= 7.15 => 3, _ => 4 })
            .Band("sodium", "Sodium", na switch { >= 180 => 4, >= 160 => 3, >= 155 => 2, >= 150 => 1, >= 130 => 0, >= 120 => 2, >= 111 => 3, _ => 4 })
            .Band("potassium", "Potassium", k switch { >= 7 => 4, >= 6 => 3, >= 5.5 => 1, >= 3.5 => 0, >= 3 => 1, >= 2.5 => 2, _ => 4 })
            .Add("Creatinine (doubled in acute renal failure)", args.Show("creatinine") + (args.Flag("acuteRenalFailure") ? ", acute renal failure" : string.Empty), args.Flag("acuteRenalFailure") ? 2 * creatininePoints : creatininePoints)
            .Band("hematocrit", "Haematocrit", hct switch { >= 60 => 4, >= 50 => 2, >= 46 => 1, >= 30 => 0, >= 20 => 2, _ => 4 })
            .Band("wbc", "White cell count", wbc switch { >= 40 => 4, >= 20 => 2, >= 15 => 1, >= 3 => 0, >= 1 => 2, _ => 4 })
            .Band("gcs", "Glasgow Coma Scale (15 − GCS)", 15 - args.Number("gcs"))
            .Band("age", "Age", age switch { >= 75 => 6, >= 65 => 5, >= 55 => 3, >= 45 => 2, _ => 0 })
            .Add("Chronic health", $"{args.Show("chronicHealth")}; {args.Show("admissionType")}", chronic);
        const string Meaning = "Higher scores indicate more severe disease and higher hospital mortality; the score is meant for the worst values of the first 24 hours in intensive care.";
        if (args.OptionalChoice("diagnosticCategory") is not { } categoryId)
        {
            return Outcome.Score(sheet, null, Meaning);
        }

        var category = ApacheIiDiagnosticWeights.Find(categoryId);
        var admission = args.Choice("admissionType");
        var postoperative = admission != "nonoperative";
        if (category.Operative && !postoperative)
        {
            throw new CalculatorInputException("admissionType", $"The diagnostic category \"{category.Label}\" is post-operative: say whether the admission was an emergency or elective post-operative one.");
        }

        if (!category.Operative && postoperative && !category.AppliesAfterSurgery)
        {
            throw new CalculatorInputException("diagnosticCategory", "After surgery, choose a post-operative diagnostic category (non-operative weights apply after surgery only for sepsis and post-cardiac arrest).");
        }

        var logit = ApacheIiDiagnosticWeights.Logit(sheet.Total, admission == "emergency-postoperative", category.Weight);
        var mortality = ApacheIiDiagnosticWeights.Probability(logit) * 100;
        return Outcome.Score(sheet, null, $"{Meaning} Predicted hospital mortality {Format.Number(mortality, 1)}% for {category.Label.ToLowerInvariant()} (Knaus 1985 equation).") with
        {
            Outputs =
            [
                Outcome.Output("predictedMortality", "Predicted hospital mortality", mortality, 1, "%"),
                Outcome.Output("logit", "ln(R/(1 − R))", logit, 3, string.Empty),
                Outcome.Output("diagnosticWeight", $"Diagnostic category weight ({category.Label})", category.Weight, 3, string.Empty),
            ],
        };
    }

    private static double AaGradient(CalculatorArgs args, double fio2)
    {
        var pao2 = args.OptionalNumber("pao2");
        var paco2 = args.OptionalNumber("paco2");
        if (pao2 is null || paco2 is null)
        {
            throw new CalculatorInputException("aaGradient", "The A–a gradient is required when FiO₂ is 50% or more (0–800 mmHg), or both PaO₂ and PaCO₂ to calculate it.");
        }

        return fio2 / 100 * (760 - 47) - paco2.Value / 0.8 - pao2.Value;
    }
}
