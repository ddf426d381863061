using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

internal static class BodySources
{
    public static CalculatorSource Who { get; } = new(
        "World Health Organization. Obesity: preventing and managing the global epidemic. Report of a WHO consultation. WHO Technical Report Series 894. Geneva: WHO; 2000.",
        Pmid: "11234459");

    public static CalculatorSource Devine { get; } = new("Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm. 1974;8:650-655.");

    public static CalculatorSource Traynor { get; } = new(
        "Traynor AM, Nafziger AN, Bertino JS Jr. Aminoglycoside dosing weight correction factors for patients of various body sizes. Antimicrob Agents Chemother. 1995;39(2):545-548.",
        "10.1128/AAC.39.2.545");
}

/// <summary>Body mass index, weight / height², with the WHO adult categories.</summary>
internal sealed class BodyMassIndexCalculator : Calculator
{
    public override string Id => "bmi";
    public override string Name => "Body mass index (BMI)";
    public override string Description => "Weight divided by the square of height, with the WHO adult weight categories.";
    public override string Category => "Anthropometry";
    public override string ResultUnit => "kg/m²";
    public override IReadOnlyList<string> Aliases => ["body-mass-index"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Weight, Common.Height];
    public override IReadOnlyList<CalculatorSource> Sources { get; } = [BodySources.Who];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var bmi = Common.BodyMassIndex(args.Number("weight"), args.Number("height"));
        var shown = Math.Round(bmi, 1, MidpointRounding.AwayFromZero);
        var category = shown switch
        {
            < 18.5 => "Underweight",
            < 25 => "Normal weight",
            < 30 => "Overweight (pre-obese)",
            < 35 => "Obesity class I",
            < 40 => "Obesity class II",
            _ => "Obesity class III",
        };
        return Outcome.Measure(bmi, 1, ResultUnit, category, $"{category} by the WHO adult classification (underweight <18.5, normal 18.5–24.9, overweight 25–29.9, obesity ≥30 kg/m²).");
    }
}

/// <summary>Body surface area by Mosteller, with Du Bois for comparison.</summary>
internal sealed class BodySurfaceAreaCalculator : Calculator
{
    public override string Id => "bsa";
    public override string Name => "Body surface area (Mosteller)";
    public override string Description => "Body surface area = √(height cm × weight kg / 3600); the Du Bois estimate is given alongside.";
    public override string Category => "Anthropometry";
    public override string ResultUnit => "m²";
    public override IReadOnlyList<string> Aliases => ["body-surface-area", "mosteller"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Weight, Common.Height];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Mosteller RD. Simplified calculation of body-surface area. N Engl J Med. 1987;317(17):1098.", "10.1056/NEJM198710223171717", "3657876"),
        new("Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be known. Arch Intern Med. 1916;17(6):863-871."),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var (weight, height) = (args.Number("weight"), args.Number("height"));
        var mosteller = Math.Sqrt(height * weight / 3600);
        var duBois = 0.007184 * Math.Pow(weight, 0.425) * Math.Pow(height, 0.725);
        return Outcome.Measure(mosteller, 2, ResultUnit, null, "Body surface area by the Mosteller formula.") with
        {
            Outputs = [Outcome.Output("duBois", "Body surface area (Du Bois)", duBois, 2, ResultUnit)],
        };
    }
}

/// <summary>Ideal body weight by Devine (1974).</summary>
internal sealed class IdealBodyWeightCalculator : Calculator
{
    public override string Id => "ideal-body-weight";
    public override string Name => "Ideal body weight (Devine)";
    public override string Description => "Ideal body weight = 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch of height over 60 inches.";
    public override string Category => "Anthropometry";
    public override string ResultUnit => "kg";
    public override IReadOnlyList<string> Aliases => ["ibw", "devine"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Sex, Common.Height];
    public override IReadOnlyList<CalculatorSource> Sources { get; } = [BodySources.Devine];
    public override IReadOnlyList<string> Notes { get; } = ["Below 60 inches (152.4 cm) the formula is extrapolated and becomes unreliable."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var ibw = Common.DevineIdealWeight(Common.IsFemale(args), args.Number("height"));
        if (ibw <= 0)
        {
            throw new CalculatorInputException("height", "Height is too short for the Devine formula to give a positive ideal body weight.");
        }

        return Outcome.Measure(ibw, 1, ResultUnit, null, "Ideal body weight by the Devine formula.");
    }
}

/// <summary>Adjusted body weight = IBW + 0.4 × (actual − IBW).</summary>
internal sealed class AdjustedBodyWeightCalculator : Calculator
{
    public override string Id => "adjusted-body-weight";
    public override string Name => "Adjusted body weight";
    public override string Description => "Adjusted body weight = ideal body weight + 0.4 × (actual − ideal body weight), ideal weight by Devine.";
    public override string Category => "Anthropometry";
    public override string ResultUnit => "kg";
    public override IReadOnlyList<string> Aliases => ["abw", "adjbw"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Sex, Common.Height, Common.Weight];
    public override IReadOnlyList<CalculatorSource> Sources { get; } = [BodySources.Traynor, BodySources.Devine];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var ibw = Common.DevineIdealWeight(Common.IsFemale(args), args.Number("height"));
        var abw = ibw + 0.4 * (args.Number("weight") - ibw);
        return Outcome.Measure(abw, 1, ResultUnit, null, "Adjusted body weight with a correction factor of 0.4.") with
        {
            Outputs = [Outcome.Output("idealBodyWeight", "Ideal body weight (Devine)", ibw, 1, "kg")],
        };
    }
}

/// <summary>Weight at a target BMI for the patient's height.</summary>
internal sealed class TargetWeightCalculator : Calculator
{
    public override string Id => "target-weight";
    public override string Name => "Target weight for a BMI";
    public override string Description => "Target weight = target BMI × height² (m).";
    public override string Category => "Anthropometry";
    public override string ResultUnit => "kg";
    public override IReadOnlyList<string> Aliases => ["target-body-weight"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        Common.Height,
        In.Number("targetBmi", "Target BMI", Quantities.BodyMassIndex, 10, 60, "What BMI are you aiming for?", "target body mass index", "goal bmi", "desired bmi", "bmi target"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } = [BodySources.Who];

    public override Outcome Calculate(CalculatorArgs args) =>
        Outcome.Measure(args.Number("targetBmi") * Math.Pow(args.Number("height") / 100, 2), 1, ResultUnit, null, "Weight at which the patient would have the target BMI.");
}

/// <summary>Holliday–Segar maintenance fluids: 4 mL/kg/h for the first 10 kg, 2 for the next 10, 1 thereafter.</summary>
internal sealed class MaintenanceFluidsCalculator : Calculator
{
    public override string Id => "maintenance-fluids";
    public override string Name => "Maintenance fluids (Holliday–Segar, 4-2-1 rule)";
    public override string Description => "Hourly maintenance fluid rate by weight: 4 mL/kg/h for the first 10 kg, 2 mL/kg/h for the next 10 kg, 1 mL/kg/h for each kg above 20.";
    public override string Category => "Fluids and electrolytes";
    public override string ResultUnit => "mL/h";
    public override IReadOnlyList<string> Aliases => ["holliday-segar", "4-2-1", "maintenance-fluid"];
    public override IReadOnlyList<InputSpec> Inputs { get; } = [Common.Weight];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Holliday MA, Segar WE. The maintenance need for water in parenteral fluid therapy. Pediatrics. 1957;19(5):823-832.", "10.1542/peds.19.5.823", "13431307"),
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var weight = args.Number("weight");
        var rate = 4 * Math.Min(weight, 10) + 2 * Math.Clamp(weight - 10, 0, 10) + Math.Max(weight - 20, 0);
        return Outcome.Measure(rate, 1, ResultUnit, null, "Hourly maintenance fluid requirement (the 100/50/20 mL/kg/day rule expressed per hour).") with
        {
            Outputs = [Outcome.Output("dailyVolume", "Daily volume", rate * 24, 0, "mL/day")],
        };
    }
}
