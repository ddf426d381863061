using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>A measured quantity (serum creatinine, body weight, temperature...) with its canonical unit and the
/// spellings of every other unit it may arrive in, each with its conversion to the canonical unit.</summary>
internal sealed partial class Quantity
{
    private readonly Dictionary<string, Func<double, double>> toCanonical = new(StringComparer.Ordinal);
    private readonly List<string> displayUnits = [];
    private Func<double, string?>? inferUnit;
    private Func<string, double?>? parseComposite;

    public Quantity(string canonicalUnit, params string[] spellings)
    {
        CanonicalUnit = canonicalUnit;
        Unit(canonicalUnit, v => v, spellings);
    }

    public string CanonicalUnit { get; }

    public IReadOnlyList<string> AcceptedUnits => displayUnits;

    /// <summary>Adds a unit: its display name, its conversion to the canonical unit, and other spellings.</summary>
    public Quantity Unit(string display, Func<double, double> convert, params string[] spellings)
    {
        displayUnits.Add(display);
        toCanonical[Normalize(display)] = convert;
        foreach (var spelling in spellings)
        {
            toCanonical[Normalize(spelling)] = convert;
        }

        return this;
    }

    /// <summary>Adds a unit that is a plain multiple of the canonical unit.</summary>
    public Quantity Unit(string display, double factor, params string[] spellings) => Unit(display, v => v * factor, spellings);

    /// <summary>Names the unit a bare number must be in when it cannot be in the canonical one (a temperature of
    /// 101 is Fahrenheit); used only where the plausible ranges of the units do not overlap.</summary>
    public Quantity InferWhenUnitless(Func<double, string?> infer)
    {
        inferUnit = infer;
        return this;
    }

    /// <summary>Reads composite spellings such as 5'10" for a height.</summary>
    public Quantity ParseComposite(Func<string, double?> parse)
    {
        parseComposite = parse;
        return this;
    }

    public bool Knows(string unit) => toCanonical.ContainsKey(Normalize(unit));

    /// <summary>Converts a value to the canonical unit; false when the unit is not one this quantity accepts.</summary>
    public bool TryToCanonical(double value, string? unit, out double canonical)
    {
        canonical = double.NaN;
        if (string.IsNullOrWhiteSpace(unit))
        {
            unit = inferUnit?.Invoke(value);
            if (unit is null)
            {
                canonical = value;
                return true;
            }
        }

        if (!toCanonical.TryGetValue(Normalize(unit), out var convert))
        {
            return false;
        }

        canonical = convert(value);
        return true;
    }

    public double? TryParseComposite(string text) => parseComposite?.Invoke(text);

    /// <summary>Lower-case, no spaces, micro signs as "u", superscripts as digits, "litre" as "l", degrees dropped.</summary>
    public static string Normalize(string unit)
    {
        var text = unit.Trim().ToLowerInvariant()
            .Replace('\u00b5', 'u').Replace('\u03bc', 'u')
            .Replace("²", "2", StringComparison.Ordinal).Replace("³", "3", StringComparison.Ordinal)
            .Replace("⁶", "6", StringComparison.Ordinal).Replace("⁹", "9", StringComparison.Ordinal)
            .Replace("×", "x", StringComparison.Ordinal).Replace("·", string.Empty, StringComparison.Ordinal)
            .Replace("°", string.Empty, StringComparison.Ordinal).Replace("º", string.Empty, StringComparison.Ordinal)
            .Replace(" per ", "/", StringComparison.Ordinal);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not '^' and not '*' and not '.' || c == '.' && builder.Length > 0 && char.IsDigit(builder[^1]))
            {
                builder.Append(c);
            }
        }

        return LitreRegex().Replace(builder.ToString(), "l");
    }

    [GeneratedRegex("lit(re|er)s?")]
    private static partial Regex LitreRegex();

    internal static double? ParseFeetAndInches(string text)
    {
        var match = FeetInchesRegex().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var feet = double.Parse(match.Groups["ft"].Value, CultureInfo.InvariantCulture);
        var inches = match.Groups["in"].Success ? double.Parse(match.Groups["in"].Value, CultureInfo.InvariantCulture) : 0;
        return (feet * 12 + inches) * 2.54;
    }

    [GeneratedRegex("""^(?<ft>\d+)\s*(?:'|’|ft\.?|feet|foot)\s*(?:(?<in>\d+(?:\.\d+)?)\s*(?:"|”|''|in\.?|inch|inches)?)?$""", RegexOptions.IgnoreCase)]
    private static partial Regex FeetInchesRegex();
}
