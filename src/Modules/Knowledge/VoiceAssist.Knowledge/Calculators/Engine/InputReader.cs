using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>Reads raw inputs against a calculator's specifications: matches names and synonyms, converts units,
/// checks ranges, and reports every problem by field, so a bad value never turns into a wrong number.</summary>
internal static partial class InputReader
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "MM/dd/yyyy", "M/d/yyyy", "MM-dd-yyyy", "M-d-yyyy", "MM/dd/yy", "M/d/yy",
        "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy", "MMMM d yyyy", "MMM d yyyy", "yyyyMMdd",
    ];

    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
        { "true", "yes", "y", "1", "present", "positive", "pos", "+", "on", "checked", "t", "affirmative", "yep", "has", "history", "known" };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
        { "false", "no", "n", "0", "absent", "negative", "neg", "-", "off", "unchecked", "f", "none", "denies", "nil", "not present" };

    private static readonly HashSet<string> Blank = new(StringComparer.Ordinal) { string.Empty, "null", "unknown", "n/a", "na", "not given", "not stated" };

    /// <summary>Normalised lookup key: lower case letters and digits only ("Serum creatinine" → "serumcreatinine").</summary>
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    public static CalculatorArgs Read(Calculator calculator, IReadOnlyDictionary<string, CalculatorInput> raw, List<(string Field, string Message)> errors, List<string> notes)
    {
        var specs = calculator.Inputs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var supplied = MatchNames(calculator, raw, notes);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var defaulted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in calculator.Inputs)
        {
            if (supplied.TryGetValue(spec.Name, out var input) && !Blank.Contains(input.Value.Trim().ToLowerInvariant()))
            {
                var (value, error) = Parse(spec, input);
                if (error is not null)
                {
                    errors.Add((spec.Name, error));
                }
                else
                {
                    values[spec.Name] = value!;
                }
            }
            else if (spec.Required)
            {
                errors.Add((spec.Name, $"{spec.Label} is required{Describe(spec)}."));
            }
            else if (spec.Default is not null)
            {
                values[spec.Name] = spec.Default;
                defaulted.Add(spec.Name);
            }
        }

        return new CalculatorArgs(specs, values, defaulted);
    }

    private static Dictionary<string, CalculatorInput> MatchNames(Calculator calculator, IReadOnlyDictionary<string, CalculatorInput> raw, List<string> notes)
    {
        var byKey = CalculatorCatalog.InputKeys(calculator);
        var supplied = new Dictionary<string, CalculatorInput>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, input) in raw)
        {
            if (input is null)
            {
                continue;
            }

            var key = Key(name);
            if (!byKey.TryGetValue(key, out var specName))
            {
                notes.Add($"Ignored input '{name}': this calculator does not use it.");
                continue;
            }

            var isExact = key == Key(specName);
            if (supplied.ContainsKey(specName) && (exact.Contains(specName) || !isExact))
            {
                notes.Add($"Ignored input '{name}': {specName} was already given.");
                continue;
            }

            supplied[specName] = input;
            if (isExact)
            {
                exact.Add(specName);
            }
        }

        return supplied;
    }

    public static (object? Value, string? Error) Parse(InputSpec spec, CalculatorInput input) => spec.Kind switch
    {
        InputKind.Number => ParseNumber(spec, input),
        InputKind.Boolean => ParseFlag(spec, input),
        InputKind.Choice => ParseChoice(spec, input),
        InputKind.Date => ParseDate(spec, input),
        _ => (null, $"{spec.Label} has an unsupported type."),
    };

    private static (object? Value, string? Error) ParseNumber(InputSpec spec, CalculatorInput input)
    {
        var quantity = spec.Quantity!;
        var text = input.Value.Trim();
        double canonical;
        if (input.Unit is null && quantity.TryParseComposite(text) is { } composite)
        {
            canonical = composite;
        }
        else
        {
            var match = NumberRegex().Match(text);
            if (!match.Success || !double.TryParse(match.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                || !double.IsFinite(number))
            {
                return (null, $"{spec.Label} must be a number{Describe(spec)}; '{text}' could not be read.");
            }

            var suffix = match.Groups["unit"].Value.Trim();
            var unit = string.IsNullOrWhiteSpace(input.Unit) ? (suffix.Length > 0 ? suffix : null) : input.Unit;
            if (!quantity.TryToCanonical(number, unit, out canonical))
            {
                return (null, $"'{unit}' is not a unit of {spec.Label}; use {string.Join(", ", quantity.AcceptedUnits.Where(u => u.Length > 0))}.");
            }
        }

        if (!double.IsFinite(canonical) || canonical < spec.Min || canonical > spec.Max)
        {
            return (null, $"{spec.Label} must be between {Format.Number(spec.Min ?? double.MinValue, 3)} and {Format.Number(spec.Max ?? double.MaxValue, 3)}{UnitSuffix(quantity)}; got {Format.Number(canonical, 3)}{UnitSuffix(quantity)}.");
        }

        return (canonical, null);
    }

    private static (object? Value, string? Error) ParseFlag(InputSpec spec, CalculatorInput input)
    {
        var text = input.Value.Trim().ToLowerInvariant();
        if (Yes.Contains(text))
        {
            return (true, null);
        }

        return No.Contains(text) ? (false, null) : (null, $"{spec.Label} must be true or false (yes/no); '{input.Value}' could not be read.");
    }

    private static (object? Value, string? Error) ParseChoice(InputSpec spec, CalculatorInput input)
    {
        var key = Key(input.Value);
        foreach (var choice in spec.Choices)
        {
            if (Key(choice.Value) == key || Key(choice.Label) == key || choice.Synonyms.Any(s => Key(s) == key))
            {
                return (choice.Value, null);
            }
        }

        if (double.TryParse(input.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            var numbered = spec.Choices.FirstOrDefault(c => c.Number == number);
            if (numbered is not null)
            {
                return (numbered.Value, null);
            }
        }

        return (null, $"{spec.Label} must be one of: {string.Join(", ", spec.Choices.Select(c => c.Value))}; '{input.Value}' is not one of them.");
    }

    private static (object? Value, string? Error) ParseDate(InputSpec spec, CalculatorInput input)
    {
        var text = input.Value.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return (date, null);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return (DateOnly.FromDateTime(moment.UtcDateTime), null);
        }

        return (null, $"{spec.Label} must be a date such as 2025-03-14 (or 03/14/2025, month first); '{text}' could not be read.");
    }

    /// <summary>" (mg/dL; accepted units: mg/dL, µmol/L; 0.1–40 mg/dL)" for error messages.</summary>
    public static string Describe(InputSpec spec) => spec.Kind switch
    {
        InputKind.Number when spec.Quantity is { } q =>
            $" ({Format.Number(spec.Min ?? 0, 3)}–{Format.Number(spec.Max ?? 0, 3)}{UnitSuffix(q)}{(q.AcceptedUnits.Count(u => u.Length > 0) > 1 ? "; units: " + string.Join(", ", q.AcceptedUnits) : string.Empty)})",
        InputKind.Choice => $" (one of: {string.Join(", ", spec.Choices.Select(c => c.Value))})",
        InputKind.Boolean => " (true or false)",
        InputKind.Date => " (a date such as 2025-03-14)",
        _ => string.Empty,
    };

    private static string UnitSuffix(Quantity quantity) => quantity.CanonicalUnit.Length == 0 ? string.Empty : " " + quantity.CanonicalUnit;

    [GeneratedRegex(@"^(?<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?<unit>.*)$")]
    private static partial Regex NumberRegex();
}
