using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>One validated calculator: a pure function of its declared inputs, implemented from the cited source.</summary>
internal abstract class Calculator
{
    public abstract string Id { get; }

    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract string Category { get; }

    public abstract string ResultUnit { get; }

    public abstract IReadOnlyList<InputSpec> Inputs { get; }

    public abstract IReadOnlyList<CalculatorSource> Sources { get; }

    /// <summary>Other ids the calculator answers to ("chads-vasc" for "cha2ds2-vasc").</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>What a user must know about the implementation: which variant, which weight, which limits.</summary>
    public virtual IReadOnlyList<string> Notes => [];

    public abstract Outcome Calculate(CalculatorArgs args);
}

/// <summary>What a calculator computed, before the runner adds its identity and sources.</summary>
/// <remarks><c>Value</c> keeps full precision; <c>RoundedValue</c> is the value as displayed (the same number for a
/// score, which is whole by definition).</remarks>
internal sealed record Outcome(double? Value, string DisplayValue, string? Category, string Interpretation)
{
    public double? RoundedValue { get; init; } = Value;

    public IReadOnlyList<CalculatorPoint> Breakdown { get; init; } = [];

    public IReadOnlyList<CalculatorOutput> Outputs { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A measured or derived value at full precision, displayed and rounded to <paramref name="decimals"/> places.</summary>
    public static Outcome Measure(double value, int decimals, string unit, string? category, string interpretation) =>
        new(value, Display(value, decimals, unit), category, interpretation) { RoundedValue = Round(value, decimals) };

    /// <summary>A point score with its per-criterion breakdown.</summary>
    public static Outcome Score(ScoreSheet sheet, string? category, string interpretation) =>
        new(sheet.Total, Display(sheet.Total, 1, "points"), category, interpretation) { Breakdown = sheet.Items };

    public static string Display(double value, int decimals, string unit) =>
        unit.Length == 0 ? Format.Number(value, decimals) : $"{Format.Number(value, decimals)} {unit}";

    public static CalculatorOutput Output(string name, string label, double value, int decimals, string unit) =>
        new(name, label, value, unit, Display(value, decimals, unit)) { RoundedValue = Round(value, decimals) };

    public static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}

/// <summary>Accumulates a score criterion by criterion, keeping every criterion (zero-point ones too) for the breakdown.</summary>
internal sealed class ScoreSheet(CalculatorArgs args)
{
    private readonly List<CalculatorPoint> items = [];

    public double Total { get; private set; }

    public IReadOnlyList<CalculatorPoint> Items => items;

    public ScoreSheet Add(string criterion, string value, double points, params IReadOnlyList<string> decidedBy)
    {
        items.Add(new CalculatorPoint(criterion, value, points) { DecidedBy = decidedBy });
        Total += points;
        return this;
    }

    /// <summary>Adds <paramref name="points"/> when the named flag input is set; the breakdown shows its value.</summary>
    public ScoreSheet Flag(string input, string criterion, double points) =>
        Add(criterion, args.Show(input), args.Flag(input) ? points : 0);

    /// <summary>Adds points for a numeric input from its band.</summary>
    public ScoreSheet Band(string input, string criterion, double points) => Add(criterion, args.Show(input), points);

    public ScoreSheet When(bool condition, string criterion, string value, double points) => Add(criterion, value, condition ? points : 0);
}
