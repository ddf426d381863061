using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

internal static class RenalSources
{
    public static CalculatorSource CockcroftGault { get; } = new(
        "Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron. 1976;16(1):31-41.",
        "10.1159/000180580", "1244564");

    public static CalculatorSource Kdigo { get; } = new(
        "Kidney Disease: Improving Global Outcomes (KDIGO) CKD Work Group. KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease. Kidney Int Suppl. 2013;3(1):1-150.");

    /// <summary>KDIGO GFR categories G1–G5.</summary>
    public static (string Category, string Meaning) GfrCategory(double gfr) => gfr switch
    {
        >= 90 => ("G1", "Normal or high GFR (G1); CKD only with other markers of kidney damage."),
        >= 60 => ("G2", "Mildly decreased GFR (G2)."),
        >= 45 => ("G3a", "Mildly to moderately decreased GFR (G3a)."),
        >= 30 => ("G3b", "Moderately to severely decreased GFR (G3b)."),
        >= 15 => ("G4", "Severely decreased GFR (G4)."),
        _ => ("G5", "Kidney failure range (G5)."),
    };
}

/// <summary>Cockcroft–Gault creatinine clearance, with an explicit choice of body weight.</summary>
internal sealed class CockcroftGaultCalculator : Calculator
{
    public const string Recommended = "recommended";
    public const string Actual = "actual";
    public const string Ideal = "ideal";
    public const string Adjusted = "adjusted";

    public override string Id => "cockcroft-gault";
    public override string Name => "Creatinine clearance (Cockcroft–Gault)";
    public override string Description => "CrCl = (140 − age) × weight / (72 × serum creatinine mg/dL), × 0.85 for women. States which body weight was used: actual, ideal, adjusted, or the weight recommended for the patient's BMI.";
    public override string Category => "Nephrology";
    public override string ResultUnit => "mL/min";
    public override IReadOnlyList<string> Aliases => ["crcl", "creatinine-clearance", "cockcroft-gault-crcl", "cg"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.AdultAge,
        Common.Sex,
        Common.Weight,
        Common.Creatinine,
        Common.Height.Optional().WithHelp("Needed for ideal or adjusted body weight, and for the BMI-based recommended weight."),
        In.Choice("weightType", "Body weight used", "Which body weight should be used: actual, ideal, adjusted, or recommended for the BMI?",
            [
                new(Recommended, "Recommended for BMI (actual if underweight, lesser of ideal and actual if normal, adjusted if overweight or obese)", null, "auto", "bmi", "bmi-based", "default"),
                new(Actual, "Actual (total) body weight, as in the original publication", null, "total", "tbw", "actual body weight", "real"),
                new(Ideal, "Ideal body weight (Devine)", null, "ibw", "ideal body weight", "lean"),
                new(Adjusted, "Adjusted body weight (IBW + 0.4 × excess)", null, "abw", "adjusted body weight", "adjbw"),
            ],
            "weight type", "dosing weight", "weight used", "body weight type")
            .Optional()
            .WithHelp("Defaults to 'recommended' when height is given, otherwise 'actual'."),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        RenalSources.CockcroftGault,
        new("Winter MA, Guhr KN, Berg GM. Impact of various body weights and serum creatinine concentrations on the bias and accuracy of the Cockcroft-Gault equation. Pharmacotherapy. 2012;32(7):604-612."),
        BodySources.Devine,
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Cockcroft and Gault derived the equation with actual body weight. The 'recommended' weight follows Winter et al. (2012): actual weight if BMI < 18.5, the lesser of ideal and actual weight if BMI 18.5–24.9, adjusted weight if BMI ≥ 25.",
        "Outputs give the clearance with each weight so the choice is visible.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (age, weight, scr, female) = (args.Number("age"), args.Number("weight"), args.Number("creatinine"), Common.IsFemale(args));
        var height = args.OptionalNumber("height");
        var choice = args.OptionalChoice("weightType") ?? (height is null ? Actual : Recommended);
        if (choice != Actual && height is null)
        {
            throw new CalculatorInputException("height", $"Height is required to use the {choice} body weight.");
        }

        double Clearance(double w) => (140 - age) * w / (72 * scr) * (female ? 0.85 : 1);

        var outputs = new List<CalculatorOutput> { Outcome.Output("crclActualWeight", "CrCl with actual body weight", Clearance(weight), 1, ResultUnit) };
        var used = weight;
        var usedLabel = "actual body weight";
        if (height is { } h)
        {
            var ibw = Common.DevineIdealWeight(female, h);
            var abw = ibw + 0.4 * (weight - ibw);
            var bmi = Common.BodyMassIndex(weight, h);
            outputs.Add(Outcome.Output("crclIdealWeight", "CrCl with ideal body weight", Clearance(ibw), 1, ResultUnit));
            outputs.Add(Outcome.Output("crclAdjustedWeight", "CrCl with adjusted body weight", Clearance(abw), 1, ResultUnit));
            outputs.Add(Outcome.Output("bmi", "Body mass index", bmi, 1, "kg/m²"));
            outputs.Add(Outcome.Output("idealBodyWeight", "Ideal body weight (Devine)", ibw, 1, "kg"));
            outputs.Add(Outcome.Output("adjustedBodyWeight", "Adjusted body weight", abw, 1, "kg"));
            (used, usedLabel) = choice switch
            {
                Ideal => (ibw, "ideal body weight"),
                Adjusted => (abw, "adjusted body weight"),
                Recommended when bmi < 18.5 => (weight, "actual body weight (BMI < 18.5)"),
                Recommended when bmi < 25 => weight <= ibw ? (weight, "actual body weight (BMI 18.5–24.9, below ideal)") : (ibw, "ideal body weight (BMI 18.5–24.9)"),
                Recommended => (abw, "adjusted body weight (BMI ≥ 25)"),
                _ => (weight, "actual body weight"),
            };
        }

        if (used <= 0)
        {
            throw new CalculatorInputException("height", "Height is too short for the Devine ideal body weight to be positive.");
        }

        var crcl = Clearance(used);
        return Outcome.Measure(crcl, 1, ResultUnit, null, $"Estimated creatinine clearance using {usedLabel} ({Format.Number(used, 1)} kg).") with
        {
            Outputs = outputs,
            Notes = [$"Weight used: {usedLabel}, {Format.Number(used, 1)} kg."],
        };
    }
}

/// <summary>CKD-EPI 2021 creatinine equation, without a race coefficient.</summary>
internal sealed class CkdEpi2021Calculator : Calculator
{
    public override string Id => "ckd-epi-2021";
    public override string Name => "eGFR (CKD-EPI 2021, race-free)";
    public override string Description => "eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 (female); κ 0.7 (F) / 0.9 (M), α −0.241 (F) / −0.302 (M).";
    public override string Category => "Nephrology";
    public override string ResultUnit => "mL/min/1.73 m²";
    public override IReadOnlyList<string> Aliases => ["ckd-epi", "egfr", "ckdepi", "ckd-epi-creatinine"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.AdultAge, Common.Sex, Common.Creatinine];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to estimate GFR without race. N Engl J Med. 2021;385(19):1737-1749.", "10.1056/NEJMoa2102953", "34554658"),
        RenalSources.Kdigo,
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var female = Common.IsFemale(args);
        var (kappa, alpha) = female ? (0.7, -0.241) : (0.9, -0.302);
        var ratio = args.Number("creatinine") / kappa;
        var egfr = 142 * Math.Pow(Math.Min(ratio, 1), alpha) * Math.Pow(Math.Max(ratio, 1), -1.200) * Math.Pow(0.9938, args.Number("age")) * (female ? 1.012 : 1);
        var (category, meaning) = RenalSources.GfrCategory(egfr);
        return Outcome.Measure(egfr, 1, ResultUnit, category, meaning);
    }
}

/// <summary>The 4-variable MDRD study equation re-expressed for IDMS-standardised creatinine (175).</summary>
internal sealed class MdrdCalculator : Calculator
{
    public override string Id => "mdrd";
    public override string Name => "eGFR (MDRD, 4-variable, IDMS-traceable)";
    public override string Description => "eGFR = 175 × Scr^−1.154 × age^−0.203 × 0.742 (female) × 1.212 (Black, as published).";
    public override string Category => "Nephrology";
    public override string ResultUnit => "mL/min/1.73 m²";
    public override IReadOnlyList<string> Aliases => ["mdrd-gfr", "mdrd-egfr"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.AdultAge,
        Common.Sex,
        Common.Creatinine,
        In.Flag("black", "Black race (published coefficient 1.212)", "Should the published coefficient for Black race be applied?", "african american", "race black", "is black", "black race"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Levey AS, Coresh J, Greene T, et al. Using standardized serum creatinine values in the modification of diet in renal disease study equation for estimating glomerular filtration rate. Ann Intern Med. 2006;145(4):247-254.", "10.7326/0003-4819-145-4-200608150-00004", "16908915"),
        RenalSources.Kdigo,
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Implemented as published, including its race coefficient (applied only when 'black' is true). The race-free CKD-EPI 2021 equation (id ckd-epi-2021) is recommended for new use.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var egfr = 175 * Math.Pow(args.Number("creatinine"), -1.154) * Math.Pow(args.Number("age"), -0.203)
            * (Common.IsFemale(args) ? 0.742 : 1) * (args.Flag("black") ? 1.212 : 1);
        var (category, meaning) = RenalSources.GfrCategory(egfr);
        return Outcome.Measure(egfr, 1, ResultUnit, category, meaning);
    }
}

/// <summary>Fractional excretion of sodium.</summary>
internal sealed class FractionalExcretionOfSodiumCalculator : Calculator
{
    public override string Id => "fena";
    public override string Name => "Fractional excretion of sodium (FENa)";
    public override string Description => "FENa = (urine Na × serum creatinine) / (serum Na × urine creatinine) × 100.";
    public override string Category => "Nephrology";
    public override string ResultUnit => "%";
    public override IReadOnlyList<string> Aliases => ["fractional-excretion-of-sodium", "fe-na"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Sodium,
        Common.Creatinine,
        In.Number("urineSodium", "Urine sodium", Quantities.Electrolyte, 1, 400, "What is the urine sodium?", "una", "urine na", "urinary sodium", "spot urine sodium"),
        In.Number("urineCreatinine", "Urine creatinine", Quantities.Creatinine, 1, 1000, "What is the urine creatinine?", "ucr", "urine cr", "urinary creatinine", "spot urine creatinine", "ucreat"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Espinel CH. The FENa test. Use in the differential diagnosis of acute renal failure. JAMA. 1976;236(6):579-581.", Pmid: "947239"),
    ];

    public override IReadOnlyList<string> Notes { get; } = ["Diuretics raise FENa; the cut-offs apply to oliguric acute kidney injury."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var fena = args.Number("urineSodium") * args.Number("creatinine") / (args.Number("sodium") * args.Number("urineCreatinine")) * 100;
        var (category, meaning) = fena switch
        {
            < 1 => ("Prerenal", "FENa < 1% suggests a prerenal cause."),
            > 2 => ("Intrinsic renal", "FENa > 2% suggests intrinsic renal injury such as acute tubular necrosis."),
            _ => ("Indeterminate", "FENa 1–2% does not discriminate prerenal from intrinsic causes."),
        };
        return Outcome.Measure(fena, 2, ResultUnit, category, meaning);
    }
}
