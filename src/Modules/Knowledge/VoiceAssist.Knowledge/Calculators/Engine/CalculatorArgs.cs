using System.Globalization;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>A calculator's inputs after parsing: numbers in their canonical unit, flags, choice values and dates,
/// with defaults applied for what was omitted.</summary>
internal sealed class CalculatorArgs(IReadOnlyDictionary<string, InputSpec> specs, IReadOnlyDictionary<string, object> values, IReadOnlySet<string> defaulted)
{
    public bool Has(string name) => values.ContainsKey(name);

    public bool WasDefaulted(string name) => defaulted.Contains(name);

    public double Number(string name) => values.TryGetValue(name, out var value) ? (double)value : throw Missing(name);

    public double? OptionalNumber(string name) => values.TryGetValue(name, out var value) ? (double)value : null;

    public bool Flag(string name) => values.TryGetValue(name, out var value) && (bool)value;

    public bool? OptionalFlag(string name) => values.TryGetValue(name, out var value) ? (bool)value : null;

    public string Choice(string name) => values.TryGetValue(name, out var value) ? (string)value : throw Missing(name);

    public string? OptionalChoice(string name) => values.TryGetValue(name, out var value) ? (string)value : null;

    public DateOnly Date(string name) => values.TryGetValue(name, out var value) ? (DateOnly)value : throw Missing(name);

    public DateOnly? OptionalDate(string name) => values.TryGetValue(name, out var value) ? (DateOnly)value : null;

    /// <summary>The value as a person would read it in a breakdown: "72 years", "yes", "Killip class II".</summary>
    public string Show(string name)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return "not given";
        }

        var spec = specs[name];
        var shown = value switch
        {
            double number => spec.Quantity is { CanonicalUnit.Length: > 0 } q ? $"{Format.Number(number)} {q.CanonicalUnit}" : Format.Number(number),
            bool flag => flag ? "yes" : "no",
            string choice => spec.Choices.FirstOrDefault(c => c.Value == choice)?.Label ?? choice,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return defaulted.Contains(name) ? $"{shown} (not stated)" : shown;
    }

    public static CalculatorInputException Missing(string name) => new(name, $"{name} is required.");
}

/// <summary>An input that is readable but cannot be used with the others (a diastolic above the systolic pressure).</summary>
internal sealed class CalculatorInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

internal static class Format
{
    /// <summary>Up to <paramref name="decimals"/> decimals, trailing zeros trimmed, invariant culture.</summary>
    public static string Number(double value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture);

    /// <summary>Exactly <paramref name="decimals"/> decimals.</summary>
    public static string Fixed(double value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
