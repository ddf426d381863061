using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Glasgow Coma Scale, with the "not testable" (NT) component of the Glasgow structured approach.</summary>
internal sealed class GlasgowComaScaleCalculator : Calculator
{
    private const string NotTestable = "not-testable";

    private static readonly (string Input, string Letter, string Criterion, int Index)[] Components =
        [("eye", "E", "Eye opening", 0), ("verbal", "V", "Verbal response", 1), ("motor", "M", "Motor response", 2)];

    public override string Id => "gcs";
    public override string Name => "Glasgow Coma Scale";
    public override string Description => "Level of consciousness from eye, verbal and motor responses (3–15); a component that cannot be tested is recorded as not testable and no total is given.";
    public override string Category => "Critical care";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["glasgow-coma-scale", "glasgow-coma-score", "glasgow"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Choice("eye", "Eye opening", "How does the patient open their eyes: spontaneously, to voice, to pain, not at all, or not testable (for example eyes swollen shut)?",
            [new("spontaneous", "Spontaneous (4)", 4, "spontaneously", "eyes open spontaneously", "open"), new("to-voice", "To speech (3)", 3, "to speech", "to sound", "to verbal command", "voice", "speech"), new("to-pain", "To pain (2)", 2, "to pressure", "pain", "to painful stimulus"), new("none", "None (1)", 1, "no eye opening", "no response"),
             new(NotTestable, "Not testable (NT)", null, "not testable", "untestable", "nt", "swollen shut", "eyes swollen shut", "eyes closed by swelling", "periorbital swelling")],
            "eye opening", "eyes", "e", "eye response"),
        In.Choice("verbal", "Verbal response", "What is the best verbal response: oriented, confused, inappropriate words, incomprehensible sounds, none, or not testable (for example intubated)?",
            [new("oriented", "Oriented (5)", 5, "orientated", "normal"), new("confused", "Confused (4)", 4, "confused conversation", "disoriented"), new("inappropriate-words", "Inappropriate words (3)", 3, "inappropriate", "words", "inappropriate responses"), new("incomprehensible-sounds", "Incomprehensible sounds (2)", 2, "incomprehensible", "sounds", "moaning"), new("none", "None (1)", 1, "no verbal response", "no response"),
             new(NotTestable, "Not testable (NT)", null, "not testable", "untestable", "nt", "intubated", "tubed", "tube", "tracheostomy", "trach", "aphasic", "dysphasic", "vt")],
            "verbal", "v", "verbal response", "speech"),
        In.Choice("motor", "Motor response", "What is the best motor response: obeys commands, localises pain, withdraws, abnormal flexion, extension, none, or not testable (for example paralysed)?",
            [new("obeys", "Obeys commands (6)", 6, "obeys commands", "follows commands"), new("localizes", "Localises pain (5)", 5, "localises", "localizes pain", "localises pain", "localizing"), new("withdraws", "Withdraws from pain (4)", 4, "withdrawal", "withdraws from pain", "normal flexion", "flexion withdrawal"), new("abnormal-flexion", "Abnormal flexion, decorticate (3)", 3, "decorticate", "abnormal flexion", "flexion"), new("extension", "Extension, decerebrate (2)", 2, "decerebrate", "extensor", "extension to pain"), new("none", "None (1)", 1, "no motor response", "flaccid", "no response"),
             new(NotTestable, "Not testable (NT)", null, "not testable", "untestable", "nt", "paralysed", "paralyzed", "pharmacologically paralysed", "spinal cord injury")],
            "motor", "m", "motor response", "best motor response"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Teasdale G, Jennett B. Assessment of coma and impaired consciousness. A practical scale. Lancet. 1974;2(7872):81-84.", "10.1016/s0140-6736(74)91639-0", "4136544"),
        new("Teasdale G, Maas A, Lecky F, Manley G, Stocchetti N, Murray G. The Glasgow Coma Scale at 40 years: standing the test of time. Lancet Neurol. 2014;13(8):844-854.", "10.1016/S1474-4422(14)70120-6", "25030516"),
        new("Glasgow Coma Scale: the structured approach and frequently asked questions (a component that cannot be assessed is recorded as NT, not as 1, and no total score is reported). https://www.glasgowcomascale.org"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "A component that cannot be assessed (intubation or tracheostomy, aphasia, eyes swollen shut, paralysis) is recorded as not testable, never as 1; the result is then the components alone, e.g. \"E3 VT M5\" (T: not testable), with no total score.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var components = Components
            .Select(c => (c.Input, c.Letter, c.Criterion, Points: Inputs[c.Index].Choices.First(o => o.Value == args.Choice(c.Input)).Number))
            .ToList();
        var reported = string.Join(' ', components.Select(c => c.Points is { } points ? $"{c.Letter}{Format.Number(points, 0)}" : $"{c.Letter}T"));
        if (components.Any(c => c.Points is null))
        {
            var untested = components.Where(c => c.Points is null).Select(c => c.Criterion).ToList();
            var which = string.Join(" and ", untested.Select((c, i) => i == 0 ? c : c.ToLowerInvariant()));
            return new Outcome(null, reported, null, $"{which} not testable (NT), so no total score is given (Glasgow structured approach); assess and follow the components that can be tested.")
            {
                Breakdown = [.. components.Select(c => new CalculatorPoint(c.Criterion, args.Show(c.Input), c.Points ?? 0))],
                Outputs = [.. components.Where(c => c.Points is not null).Select(c => Outcome.Output(c.Input, c.Criterion, c.Points!.Value, 0, "points"))],
            };
        }

        var sheet = new ScoreSheet(args);
        foreach (var component in components)
        {
            sheet.Add(component.Criterion, args.Show(component.Input), component.Points!.Value);
        }

        var (category, meaning) = sheet.Total switch
        {
            >= 13 => ("Mild", "GCS 13–15: mild brain injury."),
            >= 9 => ("Moderate", "GCS 9–12: moderate brain injury."),
            _ => ("Severe", "GCS 3–8: severe brain injury; consider airway protection."),
        };
        return Outcome.Score(sheet, category, $"{reported}. {meaning}");
    }
}

/// <summary>Quick SOFA (Sepsis-3).</summary>
internal sealed class QsofaCalculator : Calculator
{
    public override string Id => "qsofa";
    public override string Name => "qSOFA (quick SOFA)";
    public override string Description => "Bedside screen for poor outcome in suspected infection: respiratory rate ≥ 22, altered mentation, systolic ≤ 100 mmHg.";
    public override string Category => "Critical care";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["quick-sofa", "q-sofa"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.RespiratoryRate,
        Common.Systolic,
        In.Flag("alteredMentation", "Altered mentation (GCS < 15)", "Is the mental status altered (GCS below 15)?", "altered mental status", "confusion", "gcs < 15", "altered mentation"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Seymour CW, Liu VX, Iwashyna TJ, et al. Assessment of clinical criteria for sepsis: for the Third International Consensus Definitions for Sepsis and Septic Shock (Sepsis-3). JAMA. 2016;315(8):762-774.", "10.1001/jama.2016.0288", "26903335"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var sheet = new ScoreSheet(args)
            .Band("respiratoryRate", "Respiratory rate ≥ 22/min", args.Number("respiratoryRate") >= 22 ? 1 : 0)
            .Band("systolicBp", "Systolic blood pressure ≤ 100 mmHg", args.Number("systolicBp") <= 100 ? 1 : 0)
            .Flag("alteredMentation", "Altered mentation", 1);
        return sheet.Total >= 2
            ? Outcome.Score(sheet, "Positive", "qSOFA ≥ 2: higher risk of death or prolonged ICU stay; assess for organ dysfunction (SOFA).")
            : Outcome.Score(sheet, "Negative", "qSOFA < 2: not high risk by qSOFA; continue to monitor if infection is suspected.");
    }
}

/// <summary>Systemic inflammatory response syndrome criteria (ACCP/SCCM 1992).</summary>
internal sealed class SirsCalculator : Calculator
{
    public override string Id => "sirs";
    public override string Name => "SIRS criteria";
    public override string Description => "Systemic inflammatory response syndrome: two or more of temperature, heart rate, respiratory and white cell criteria.";
    public override string Category => "Critical care";
    public override string ResultUnit => "criteria";
    public override IReadOnlyList<string> Aliases => ["sirs-criteria", "systemic-inflammatory-response-syndrome"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Temperature,
        Common.HeartRate,
        Common.RespiratoryRate,
        In.Number("paco2", "PaCO₂", Quantities.Pressure, 5, 200, "What is the arterial PaCO2?", "pa co2", "pco2", "arterial co2", "partial pressure of carbon dioxide").Optional(),
        Common.WhiteCells,
        In.Number("bands", "Immature (band) forms", Quantities.Percent, 0, 100, "What percentage of white cells are bands?", "band forms", "bandemia", "bands %", "immature neutrophils").Optional(),
        In.Flag("suspectedInfection", "Suspected or confirmed infection", "Is infection suspected or confirmed?", "infection", "suspected infection", "source of infection"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Bone RC, Balk RA, Cerra FB, et al. Definitions for sepsis and organ failure and guidelines for the use of innovative therapies in sepsis. The ACCP/SCCM Consensus Conference Committee. Chest. 1992;101(6):1644-1655.", "10.1378/chest.101.6.1644", "1303622"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (temp, hr, rr, wbc) = (args.Number("temperature"), args.Number("heartRate"), args.Number("respiratoryRate"), args.Number("wbc"));
        var sheet = new ScoreSheet(args)
            .Band("temperature", "Temperature > 38 °C or < 36 °C", temp > 38 || temp < 36 ? 1 : 0)
            .Band("heartRate", "Heart rate > 90/min", hr > 90 ? 1 : 0)
            .Add("Respiratory rate > 20/min or PaCO₂ < 32 mmHg", $"{args.Show("respiratoryRate")}; PaCO₂ {args.Show("paco2")}", rr > 20 || args.OptionalNumber("paco2") < 32 ? 1 : 0)
            .Add("WBC > 12 or < 4 ×10⁹/L, or > 10% bands", $"{args.Show("wbc")}; bands {args.Show("bands")}", wbc > 12 || wbc < 4 || args.OptionalNumber("bands") > 10 ? 1 : 0);
        var infection = args.Flag("suspectedInfection");
        var (category, meaning) = sheet.Total switch
        {
            >= 2 when infection => ("Sepsis (1992 definition)", $"{sheet.Total} SIRS criteria with suspected infection: sepsis by the 1992 consensus definition."),
            >= 2 => ("SIRS", $"{sheet.Total} SIRS criteria: meets the systemic inflammatory response syndrome."),
            _ => ("No SIRS", $"{sheet.Total} SIRS criterion/criteria: does not meet SIRS (two or more needed)."),
        };
        return Outcome.Score(sheet, category, meaning) with { DisplayValue = $"{sheet.Total} criteria" };
    }
}

/// <summary>National Early Warning Score 2 (Royal College of Physicians, 2017).</summary>
internal sealed class News2Calculator : Calculator
{
    public override string Id => "news2";
    public override string Name => "NEWS2 (National Early Warning Score 2)";
    public override string Description => "Aggregate early warning score from respiration rate, oxygen saturation, supplemental oxygen, systolic pressure, pulse, consciousness and temperature.";
    public override string Category => "Critical care";
    public override string ResultUnit => "points";
    public override IReadOnlyList<string> Aliases => ["news", "news-2", "national-early-warning-score"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.RespiratoryRate,
        Common.OxygenSaturation,
        In.Flag("supplementalOxygen", "On supplemental oxygen", "Is the patient on supplemental oxygen?", "on oxygen", "oxygen", "o2", "air or oxygen"),
        In.Flag("hypercapnicScale", "Use SpO₂ scale 2 (target 88–92%, hypercapnic respiratory failure)", "Is the patient's oxygen target 88 to 92 percent because of hypercapnic respiratory failure?", "scale 2", "spo2 scale 2", "hypercapnic respiratory failure", "copd target"),
        Common.Systolic,
        Common.HeartRate,
        In.Choice("consciousness", "Consciousness (ACVPU)", "Is the patient alert, or newly confused, or responsive only to voice or pain, or unresponsive?",
            [new("alert", "Alert", 0, "a", "awake"), new("confusion", "New confusion", 3, "c", "new confusion", "confused"), new("voice", "Responds to voice", 3, "v"), new("pain", "Responds to pain", 3, "p"), new("unresponsive", "Unresponsive", 3, "u")],
            "acvpu", "avpu", "level of consciousness", "mental status").Optional("alert"),
        Common.Temperature,
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS. Updated report of a working party. London: RCP; 2017."),
    ];

    public override IReadOnlyList<string> Notes { get; } = ["Consciousness defaults to alert when not stated."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (rr, spo2, sbp, hr, temp) = (args.Number("respiratoryRate"), args.Number("oxygenSaturation"), args.Number("systolicBp"), args.Number("heartRate"), args.Number("temperature"));
        var oxygen = args.Flag("supplementalOxygen");
        var spo2Points = args.Flag("hypercapnicScale")
            ? spo2 switch
            {
                <= 83 => 3,
                <= 85 => 2,
                <= 87 => 1,
                <= 92 => 0,
                _ when !oxygen => 0,
                <= 94 => 1,
                <= 96 => 2,
                _ => 3,
            }
            : spo2 switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 };
        var temperature = Math.Round(temp, 1, MidpointRounding.AwayFromZero);
        var sheet = new ScoreSheet(args)
            .Band("respiratoryRate", "Respiration rate", rr switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 })
            .Band("oxygenSaturation", args.Flag("hypercapnicScale") ? "SpO₂ (scale 2)" : "SpO₂ (scale 1)", spo2Points)
            .Flag("supplementalOxygen", "Air or oxygen", 2)
            .Band("systolicBp", "Systolic blood pressure", sbp switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 })
            .Band("heartRate", "Pulse", hr switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 })
            .Add("Consciousness", args.Show("consciousness"), args.Choice("consciousness") == "alert" ? 0 : 3)
            .Band("temperature", "Temperature", temperature switch { <= 35.0 => 3, <= 36.0 => 1, <= 38.0 => 0, <= 39.0 => 1, _ => 2 });
        var redScore = sheet.Items.Any(i => i.Points >= 3);
        var (category, meaning) = sheet.Total switch
        {
            >= 7 => ("High", "NEWS2 ≥ 7: high clinical risk; emergency assessment by a critical care team."),
            >= 5 => ("Medium", "NEWS2 5–6: medium clinical risk; urgent review by a clinician competent in acute illness."),
            _ when redScore => ("Low–medium", "A single parameter scores 3: low–medium risk; urgent ward-based review."),
            _ => ("Low", "NEWS2 0–4: low clinical risk; ward-based response."),
        };
        return Outcome.Score(sheet, category, meaning);
    }
}
