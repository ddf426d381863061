using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts.Calculators;

/// <summary>Runs one validated medical calculator. Inputs are keyed by the names the catalog declares (or any of
/// their synonyms); a missing, unreadable or impossible input fails validation naming the field and its accepted
/// range, so a caller can ask for exactly that value again.</summary>
public sealed record RunCalculator(string CalculatorId, IReadOnlyDictionary<string, CalculatorInput> Inputs) : IQuery<CalculatorResult>;

/// <summary>One input value as it was said or written: "1.2", "106", "yes", "2025-03-01" or "1.2 mg/dL", with an
/// optional unit ("umol/L", "lbs", "°F"). Values without a unit are read in the input's canonical unit.</summary>
public sealed record CalculatorInput(string Value, string? Unit = null)
{
    public static CalculatorInput Of(double value, string? unit = null) =>
        new(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), unit);

    public static CalculatorInput Of(bool value) => new(value ? "true" : "false");
}

/// <summary>The outcome of a calculation: the headline value with its unit, the category and interpretation as
/// published, how each criterion contributed, any secondary values, and the sources it was implemented from.
/// <c>Value</c> is full precision (a free water deficit of −0.7534 L stays −0.7534); <see cref="RoundedValue"/> is the
/// number as <c>DisplayValue</c> shows it (−0.8). Both are null when there is no number to give (a date, or a Glasgow
/// Coma Scale with a component that could not be tested).</summary>
public sealed record CalculatorResult(
    string CalculatorId,
    string Name,
    double? Value,
    string Unit,
    string DisplayValue,
    string? Category,
    string Interpretation,
    IReadOnlyList<CalculatorPoint> Breakdown,
    IReadOnlyList<CalculatorOutput> Outputs,
    IReadOnlyList<CalculatorSource> Sources,
    IReadOnlyList<string> Notes)
{
    /// <summary><see cref="Value"/> rounded to the precision <see cref="DisplayValue"/> shows.</summary>
    public double? RoundedValue { get; init; } = Value;
}

/// <summary>One criterion of a score: what was assessed, the value it was assessed on, and the points it gave.</summary>
public sealed record CalculatorPoint(string Criterion, string Value, double Points)
{
    /// <summary>The inputs (catalog names) that decided the points, where a criterion can be met from more than one
    /// (SOFA's cardiovascular points from a vasopressor dose or the mean arterial pressure). Empty otherwise.</summary>
    public IReadOnlyList<string> DecidedBy { get; init; } = [];
}

/// <summary>A secondary result, such as the delta ratio beside the anion gap or one QTc formula among several.
/// <c>Value</c> is full precision; <see cref="RoundedValue"/> is the number <c>DisplayValue</c> shows.</summary>
public sealed record CalculatorOutput(string Name, string Label, double? Value, string Unit, string DisplayValue)
{
    public double? RoundedValue { get; init; } = Value;
}

/// <summary>The publication or guideline a calculator was implemented from.</summary>
public sealed record CalculatorSource(string Citation, string? Doi = null, string? Pmid = null);
