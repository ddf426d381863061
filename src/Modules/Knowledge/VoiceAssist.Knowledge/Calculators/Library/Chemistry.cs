using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Calcium corrected for albumin (Payne 1973): Ca + 0.8 × (normal albumin − albumin).</summary>
internal sealed class CorrectedCalciumCalculator : Calculator
{
    public override string Id => "corrected-calcium";
    public override string Name => "Calcium corrected for albumin";
    public override string Description => "Corrected calcium (mg/dL) = measured calcium + 0.8 × (normal albumin − measured albumin, g/dL).";
    public override string Category => "Fluids and electrolytes";
    public override string ResultUnit => "mg/dL";
    public override IReadOnlyList<string> Aliases => ["calcium-correction", "albumin-corrected-calcium", "calcium-corrected"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Number("calcium", "Serum calcium (total)", Quantities.Calcium, 1, 25, "What is the total serum calcium?", "ca", "serum calcium", "total calcium", "ca2+"),
        Common.Albumin,
        In.Number("normalAlbumin", "Normal albumin", Quantities.Albumin, 3, 5, "What albumin should be taken as normal?", "reference albumin", "normal serum albumin").Optional(4.0),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with abnormal serum proteins. Br Med J. 1973;4(5893):643-646.", "10.1136/bmj.4.5893.643", "4758544"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var corrected = args.Number("calcium") + 0.8 * (args.Number("normalAlbumin") - args.Number("albumin"));
        var (category, meaning) = corrected switch
        {
            < 8.5 => ("Low", "Corrected calcium below the usual reference range (8.5–10.5 mg/dL)."),
            > 10.5 => ("High", "Corrected calcium above the usual reference range (8.5–10.5 mg/dL)."),
            _ => ("Normal", "Corrected calcium within the usual reference range (8.5–10.5 mg/dL)."),
        };
        return Outcome.Measure(corrected, 2, ResultUnit, category, meaning) with
        {
            Outputs = [Outcome.Output("correctedCalciumMmol", "Corrected calcium", corrected / 4.008, 2, "mmol/L")],
        };
    }
}

/// <summary>The anion gap family: anion gap, albumin-corrected anion gap, delta gap and delta ratio. One class, registered
/// once per headline value, so each has its own id and all of them appear in the outputs.</summary>
internal sealed class AnionGapCalculator(AnionGapCalculator.Headline headline) : Calculator
{
    internal enum Headline
    {
        AnionGap,
        AlbuminCorrectedAnionGap,
        DeltaGap,
        DeltaRatio,
        AlbuminCorrectedDeltaGap,
        AlbuminCorrectedDeltaRatio,
    }

    private const double NormalAnionGap = 12;
    private const double NormalBicarbonate = 24;

    private static readonly CalculatorSource EmmettNarins = new("Emmett M, Narins RG. Clinical use of the anion gap. Medicine (Baltimore). 1977;56(1):38-54.");
    private static readonly CalculatorSource Figge = new("Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med. 1998;26(11):1807-1810.");
    private static readonly CalculatorSource Rastegar = new("Rastegar A. Use of the ΔAG/ΔHCO3- ratio in the diagnosis of mixed acid-base disorders. J Am Soc Nephrol. 2007;18(9):2429-2431.");

    private bool NeedsAlbumin => headline is Headline.AlbuminCorrectedAnionGap or Headline.AlbuminCorrectedDeltaGap or Headline.AlbuminCorrectedDeltaRatio;

    public override string Id => headline switch
    {
        Headline.AnionGap => "anion-gap",
        Headline.AlbuminCorrectedAnionGap => "albumin-corrected-anion-gap",
        Headline.DeltaGap => "delta-gap",
        Headline.DeltaRatio => "delta-ratio",
        Headline.AlbuminCorrectedDeltaGap => "albumin-corrected-delta-gap",
        _ => "albumin-corrected-delta-ratio",
    };

    public override string Name => headline switch
    {
        Headline.AnionGap => "Anion gap",
        Headline.AlbuminCorrectedAnionGap => "Albumin-corrected anion gap",
        Headline.DeltaGap => "Delta gap",
        Headline.DeltaRatio => "Delta ratio",
        Headline.AlbuminCorrectedDeltaGap => "Albumin-corrected delta gap",
        _ => "Albumin-corrected delta ratio",
    };

    public override string Description => headline switch
    {
        Headline.AnionGap => "Anion gap = Na − (Cl + HCO₃); with albumin, the corrected gap, delta gap and delta ratio are also given.",
        Headline.AlbuminCorrectedAnionGap => "Corrected anion gap = anion gap + 2.5 × (4 − albumin g/dL).",
        Headline.DeltaGap => "Delta gap = anion gap − 12.",
        Headline.DeltaRatio => "Delta ratio = (anion gap − 12) / (24 − HCO₃).",
        Headline.AlbuminCorrectedDeltaGap => "Albumin-corrected delta gap = corrected anion gap − 12.",
        _ => "Albumin-corrected delta ratio = (corrected anion gap − 12) / (24 − HCO₃).",
    };

    public override string Category => "Acid–base";

    public override string ResultUnit => headline is Headline.DeltaRatio or Headline.AlbuminCorrectedDeltaRatio ? string.Empty : "mmol/L";

    public override IReadOnlyList<string> Aliases => headline switch
    {
        Headline.AnionGap => ["ag", "aniongap"],
        Headline.AlbuminCorrectedAnionGap => ["corrected-anion-gap", "albumin-corrected-ag"],
        Headline.DeltaRatio => ["delta-delta", "delta-delta-ratio"],
        _ => [],
    };

    public override IReadOnlyList<InputSpec> Inputs => NeedsAlbumin
        ? [Common.Sodium, Common.Chloride, Common.Bicarbonate, Common.Albumin]
        : [Common.Sodium, Common.Chloride, Common.Bicarbonate, Common.Albumin.Optional()];

    public override IReadOnlyList<CalculatorSource> Sources => headline switch
    {
        Headline.AnionGap => [EmmettNarins],
        Headline.AlbuminCorrectedAnionGap => [Figge, EmmettNarins],
        Headline.DeltaGap or Headline.DeltaRatio => [Rastegar, EmmettNarins],
        _ => [Rastegar, Figge],
    };

    public override IReadOnlyList<string> Notes { get; } =
        ["A normal anion gap of 12 mmol/L and normal bicarbonate of 24 mmol/L are used for the delta calculations; the anion gap excludes potassium."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var bicarbonate = args.Number("bicarbonate");
        var gap = args.Number("sodium") - (args.Number("chloride") + bicarbonate);
        var albumin = args.OptionalNumber("albumin");
        double? corrected = albumin is { } a ? gap + 2.5 * (4 - a) : null;
        var outputs = new List<CalculatorOutput> { Outcome.Output("anionGap", "Anion gap", gap, 1, "mmol/L") };
        outputs.Add(Outcome.Output("deltaGap", "Delta gap", gap - NormalAnionGap, 1, "mmol/L"));
        if (bicarbonate != NormalBicarbonate)
        {
            outputs.Add(Outcome.Output("deltaRatio", "Delta ratio", (gap - NormalAnionGap) / (NormalBicarbonate - bicarbonate), 2, string.Empty));
        }

        if (corrected is { } c)
        {
            outputs.Add(Outcome.Output("albuminCorrectedAnionGap", "Albumin-corrected anion gap", c, 1, "mmol/L"));
            outputs.Add(Outcome.Output("albuminCorrectedDeltaGap", "Albumin-corrected delta gap", c - NormalAnionGap, 1, "mmol/L"));
            if (bicarbonate != NormalBicarbonate)
            {
                outputs.Add(Outcome.Output("albuminCorrectedDeltaRatio", "Albumin-corrected delta ratio", (c - NormalAnionGap) / (NormalBicarbonate - bicarbonate), 2, string.Empty));
            }
        }

        var baseGap = NeedsAlbumin ? corrected!.Value : gap;
        Outcome outcome;
        if (headline is Headline.DeltaRatio or Headline.AlbuminCorrectedDeltaRatio)
        {
            if (bicarbonate == NormalBicarbonate)
            {
                throw new CalculatorInputException("bicarbonate", "The delta ratio is undefined when bicarbonate equals the normal 24 mmol/L (no fall in bicarbonate).");
            }

            var ratio = (baseGap - NormalAnionGap) / (NormalBicarbonate - bicarbonate);
            var (category, meaning) = ratio switch
            {
                < 0.4 => ("Normal anion gap acidosis", "Delta ratio < 0.4: hyperchloraemic normal anion gap acidosis."),
                < 1 => ("Mixed acidosis", "Delta ratio 0.4–1: high anion gap acidosis combined with a normal anion gap acidosis."),
                <= 2 => ("High anion gap acidosis", "Delta ratio 1–2: uncomplicated high anion gap metabolic acidosis."),
                _ => ("High anion gap acidosis with alkalosis", "Delta ratio > 2: high anion gap acidosis with a concurrent metabolic alkalosis or a pre-existing compensated respiratory acidosis."),
            };
            outcome = Outcome.Measure(ratio, 2, ResultUnit, category, meaning);
        }
        else if (headline is Headline.DeltaGap or Headline.AlbuminCorrectedDeltaGap)
        {
            var delta = baseGap - NormalAnionGap;
            outcome = Outcome.Measure(delta, 1, ResultUnit, null, $"The anion gap is {Format.Number(delta, 1)} mmol/L {(delta >= 0 ? "above" : "below")} a normal gap of 12 mmol/L.");
        }
        else
        {
            var (category, meaning) = baseGap switch
            {
                > NormalAnionGap => ("Elevated", "Anion gap above 12 mmol/L: consider a high anion gap metabolic acidosis (compare with the local reference range)."),
                < 3 => ("Low", "Low anion gap: consider hypoalbuminaemia, paraproteinaemia or laboratory error."),
                _ => ("Normal", "Anion gap within the usual range (about 3–12 mmol/L with ion-selective electrodes)."),
            };
            outcome = Outcome.Measure(baseGap, 1, ResultUnit, category, meaning);
        }

        return outcome with { Outputs = outputs };
    }
}

/// <summary>Calculated serum osmolality (Dorwart and Chalmers): 2 × Na + glucose / 18 + BUN / 2.8.</summary>
internal sealed class SerumOsmolalityCalculator : Calculator
{
    public override string Id => "serum-osmolality";
    public override string Name => "Serum osmolality (calculated) and osmolal gap";
    public override string Description => "Calculated osmolality = 2 × Na + glucose (mg/dL) / 18 + BUN (mg/dL) / 2.8; with a measured osmolality, the osmolal gap.";
    public override string Category => "Fluids and electrolytes";
    public override string ResultUnit => "mOsm/kg";
    public override IReadOnlyList<string> Aliases => ["osmolality", "calculated-osmolality", "serum-osm", "osm", "osmolal-gap"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Sodium,
        Common.Glucose,
        Common.Bun,
        In.Number("measuredOsmolality", "Measured serum osmolality", Quantities.Osmolality, 150, 600, "What is the measured serum osmolality?", "measured osmolality", "measured osm", "lab osmolality").Optional(),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Dorwart WV, Chalmers L. Comparison of methods for calculating serum osmolality from chemical concentrations, and the prognostic value of such calculations. Clin Chem. 1975;21(2):190-194."),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var osm = 2 * args.Number("sodium") + args.Number("glucose") / 18 + args.Number("bun") / 2.8;
        var (category, meaning) = osm switch
        {
            < 275 => ("Low", "Calculated osmolality below the usual 275–295 mOsm/kg."),
            > 295 => ("High", "Calculated osmolality above the usual 275–295 mOsm/kg."),
            _ => ("Normal", "Calculated osmolality within the usual 275–295 mOsm/kg."),
        };
        var outcome = Outcome.Measure(osm, 1, ResultUnit, category, meaning);
        if (args.OptionalNumber("measuredOsmolality") is { } measured)
        {
            var gap = measured - osm;
            outcome = outcome with
            {
                Outputs = [Outcome.Output("osmolalGap", "Osmolal gap", gap, 1, ResultUnit)],
                Interpretation = meaning + (gap > 10 ? " Osmolal gap > 10 mOsm/kg: consider unmeasured osmoles (toxic alcohols, ethanol, mannitol)." : " Osmolal gap ≤ 10 mOsm/kg."),
            };
        }

        return outcome;
    }
}

/// <summary>Free water deficit with the age- and sex-specific total body water fractions of Adrogué and Madias.</summary>
internal sealed class FreeWaterDeficitCalculator : Calculator
{
    public override string Id => "free-water-deficit";
    public override string Name => "Free water deficit";
    public override string Description => "Free water deficit = total body water × (Na / target Na − 1); total body water = weight × 0.6 (children, adult men), 0.5 (adult women, men ≥ 65), 0.45 (women ≥ 65).";
    public override string Category => "Fluids and electrolytes";
    public override string ResultUnit => "L";
    public override IReadOnlyList<string> Aliases => ["fwd", "water-deficit"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Age,
        Common.Sex,
        Common.Weight,
        Common.Sodium,
        In.Number("targetSodium", "Target sodium", Quantities.Electrolyte, 130, 150, "What sodium are you aiming for?", "desired sodium", "goal sodium", "target na").Optional(140.0),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Adrogué HJ, Madias NE. Hypernatremia. N Engl J Med. 2000;342(20):1493-1499.", "10.1056/NEJM200005183422006", "10816188"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (age, female) = (args.Number("age"), Common.IsFemale(args));
        var fraction = age < 18 ? 0.6 : age >= 65 ? (female ? 0.45 : 0.5) : (female ? 0.5 : 0.6);
        var tbw = fraction * args.Number("weight");
        var deficit = tbw * (args.Number("sodium") / args.Number("targetSodium") - 1);
        var interpretation = deficit > 0
            ? $"About {Format.Number(deficit, 1)} L of free water would bring sodium to the target (total body water fraction {Format.Number(fraction)})."
            : "Sodium is at or below the target: there is no free water deficit.";
        return Outcome.Measure(deficit, 2, ResultUnit, deficit > 0 ? "Deficit" : "No deficit", interpretation) with
        {
            Outputs = [Outcome.Output("totalBodyWater", "Total body water", tbw, 1, "L")],
        };
    }
}

/// <summary>Sodium corrected for hyperglycaemia: Hillier (2.4 per 100 mg/dL) headline, Katz (1.6) alongside.</summary>
internal sealed class SodiumCorrectionCalculator : Calculator
{
    public override string Id => "sodium-correction";
    public override string Name => "Sodium corrected for hyperglycaemia";
    public override string Description => "Corrected Na = measured Na + 0.024 × (glucose mg/dL − 100) (Hillier); the Katz factor of 0.016 is given alongside.";
    public override string Category => "Fluids and electrolytes";
    public override string ResultUnit => "mmol/L";
    public override IReadOnlyList<string> Aliases => ["corrected-sodium", "sodium-correction-hyperglycemia", "sodium-correction-for-hyperglycemia", "hyperglycemia-sodium"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Sodium, Common.Glucose];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Hillier TA, Abbott RD, Barrett EJ. Hyponatremia: evaluating the correction factor for hyperglycemia. Am J Med. 1999;106(4):399-403.", Pmid: "10225241"),
        new("Katz MA. Hyperglycemia-induced hyponatremia—calculation of expected serum sodium depression. N Engl J Med. 1973;289(16):843-844.", "10.1056/NEJM197310182891607", "4763428"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (sodium, glucose) = (args.Number("sodium"), args.Number("glucose"));
        var hillier = sodium + 0.024 * (glucose - 100);
        var katz = sodium + 0.016 * (glucose - 100);
        var category = hillier switch { < 135 => "Hyponatraemia", > 145 => "Hypernatraemia", _ => "Normal" };
        return Outcome.Measure(hillier, 1, ResultUnit, category, $"Sodium corrected for a glucose of {Format.Number(glucose, 0)} mg/dL (Hillier factor 2.4 mmol/L per 100 mg/dL).") with
        {
            Outputs = [Outcome.Output("katz", "Corrected sodium (Katz, 1.6 per 100 mg/dL)", katz, 1, ResultUnit)],
        };
    }
}

/// <summary>LDL cholesterol by Friedewald: TC − HDL − TG/5 (mg/dL), not valid at TG ≥ 400 mg/dL.</summary>
internal sealed class FriedewaldLdlCalculator : Calculator
{
    public override string Id => "ldl-friedewald";
    public override string Name => "LDL cholesterol (Friedewald)";
    public override string Description => "LDL = total cholesterol − HDL − triglycerides / 5 (all mg/dL); not valid when triglycerides are 400 mg/dL or more.";
    public override string Category => "Cardiology";
    public override string ResultUnit => "mg/dL";
    public override IReadOnlyList<string> Aliases => ["ldl", "friedewald", "ldl-calculated", "calculated-ldl"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Number("totalCholesterol", "Total cholesterol", Quantities.Cholesterol, 20, 1500, "What is the total cholesterol?", "tc", "total chol", "cholesterol", "serum cholesterol", "total_cholesterol"),
        In.Number("hdl", "HDL cholesterol", Quantities.Cholesterol, 2, 300, "What is the HDL cholesterol?", "hdl cholesterol", "hdl-c", "high density lipoprotein"),
        In.Number("triglycerides", "Triglycerides", Quantities.Triglycerides, 5, 10000, "What are the triglycerides?", "tg", "trigs", "triglyceride"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Friedewald WT, Levy RI, Fredrickson DS. Estimation of the concentration of low-density lipoprotein cholesterol in plasma, without use of the preparative ultracentrifuge. Clin Chem. 1972;18(6):499-502.", Pmid: "4337382"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var tg = args.Number("triglycerides");
        if (tg >= 400)
        {
            throw new CalculatorInputException("triglycerides", "The Friedewald equation is not valid when triglycerides are 400 mg/dL (4.52 mmol/L) or more; measure LDL directly.");
        }

        var ldl = args.Number("totalCholesterol") - args.Number("hdl") - tg / 5;
        if (ldl <= 0)
        {
            throw new CalculatorInputException("hdl", "HDL plus triglycerides / 5 exceed total cholesterol; check the values.");
        }

        var (category, meaning) = ldl switch
        {
            < 100 => ("Optimal", "LDL < 100 mg/dL: optimal (NCEP ATP III)."),
            < 130 => ("Near optimal", "LDL 100–129 mg/dL: near or above optimal (NCEP ATP III)."),
            < 160 => ("Borderline high", "LDL 130–159 mg/dL: borderline high (NCEP ATP III)."),
            < 190 => ("High", "LDL 160–189 mg/dL: high (NCEP ATP III)."),
            _ => ("Very high", "LDL ≥ 190 mg/dL: very high (NCEP ATP III)."),
        };
        return Outcome.Measure(ldl, 1, ResultUnit, category, meaning) with
        {
            Outputs = [Outcome.Output("ldlMmol", "LDL cholesterol", ldl / 38.67, 2, "mmol/L")],
        };
    }
}

/// <summary>HOMA-IR = fasting insulin (µIU/mL) × fasting glucose (mmol/L) / 22.5.</summary>
internal sealed class HomaIrCalculator : Calculator
{
    public override string Id => "homa-ir";
    public override string Name => "HOMA-IR (insulin resistance)";
    public override string Description => "HOMA-IR = fasting insulin (µIU/mL) × fasting glucose (mmol/L) / 22.5 (= insulin × glucose mg/dL / 405).";
    public override string Category => "Endocrinology";
    public override string ResultUnit => string.Empty;
    public override IReadOnlyList<string> Aliases => ["homa", "homeostatic-model-assessment"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Number("insulin", "Fasting insulin", Quantities.Insulin, 0.1, 1000, "What is the fasting insulin?", "fasting insulin", "serum insulin", "insulin level"),
        Common.Glucose.Named("glucose", "Fasting glucose", "What is the fasting glucose?"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Matthews DR, Hosker JP, Rudenski AS, Naylor BA, Treacher DF, Turner RC. Homeostasis model assessment: insulin resistance and beta-cell function from fasting plasma glucose and insulin concentrations in man. Diabetologia. 1985;28(7):412-419.", "10.1007/BF00280883", "3899825"),
    ];

    public override IReadOnlyList<string> Notes { get; } = ["Insulin in pmol/L is converted at 6 pmol/L per µIU/mL. There is no universal cut-off; thresholds are population-specific."];

    public override Outcome Calculate(CalculatorArgs args) =>
        Outcome.Measure(args.Number("insulin") * args.Number("glucose") / 405, 2, ResultUnit, null, "Higher values indicate greater insulin resistance (a value of 1 corresponds to the normal young adult reference of the model).");
}
