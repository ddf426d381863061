namespace VoiceAssist.Voice.Dialogue.Understanding;

/// <summary>Units as people say or type them after a number ("124 micromoles", "70 kilos", "154 pounds"), each
/// mapped to the spelling the calculator engine reads. Only spellings that cannot be mistaken for ordinary words
/// are listed: "m" (male), "in" and "f" (female) are left out on purpose.</summary>
internal static class SpokenUnits
{
    private static readonly (string[] Tokens, string Unit)[] Spellings = Build(new Dictionary<string, string[]>
    {
        ["µmol/L"] = ["micromoles per litre", "micromoles per liter", "micromoles", "micromole", "micromol/l", "micromol", "umol/l", "umol", "mcmol/l", "micro moles"],
        ["mmol/L"] = ["millimoles per litre", "millimoles per liter", "millimoles", "millimole", "mmol/l", "mmol", "mm/l"],
        ["mg/dL"] = ["milligrams per decilitre", "milligrams per deciliter", "milligrams per dl", "mg per dl", "mg/dl", "mgs per dl", "milligrams"],
        ["mg/L"] = ["milligrams per litre", "milligrams per liter", "mg/l"],
        ["g/dL"] = ["grams per decilitre", "grams per deciliter", "g/dl", "gm/dl"],
        ["g/L"] = ["grams per litre", "grams per liter", "g/l", "gm/l"],
        ["mEq/L"] = ["milliequivalents per litre", "milliequivalents per liter", "milliequivalents", "meq/l", "meq"],
        ["kg"] = ["kilograms", "kilogram", "kilos", "kilo", "kgs", "kg"],
        ["lb"] = ["pounds", "pound", "lbs", "lb"],
        ["cm"] = ["centimetres", "centimeters", "centimetre", "centimeter", "cms", "cm"],
        ["m"] = ["metres", "meters", "metre", "meter"],
        ["ft"] = ["feet", "foot", "ft"],
        ["in"] = ["inches", "inch"],
        ["mmHg"] = ["millimetres of mercury", "millimeters of mercury", "mm hg", "mmhg"],
        ["kPa"] = ["kilopascals", "kpa"],
        ["/min"] = ["beats per minute", "beats a minute", "breaths per minute", "breaths a minute", "per minute", "a minute", "bpm", "/min"],
        ["%"] = ["per cent", "percent", "%"],
        ["°C"] = ["degrees celsius", "degrees centigrade", "degrees c", "celsius", "centigrade"],
        ["°F"] = ["degrees fahrenheit", "degrees f", "fahrenheit"],
        ["ms"] = ["milliseconds", "millisecond", "msec", "ms"],
        ["years"] = ["years old", "year old", "years", "year"],
        ["months"] = ["months old", "month old", "months"],
        ["x10^9/L"] = ["times 10 to the 9", "x 10 9/l", "x10^9/l", "10^9/l"],
    });

    /// <summary>The unit spoken at <paramref name="index"/>, and how many tokens it spans.</summary>
    public static (string Unit, int Length)? At(IReadOnlyList<Token> tokens, int index)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var (spelling, unit) in Spellings)
        {
            if (index + spelling.Length > tokens.Count)
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < spelling.Length && matches; i++)
            {
                matches = tokens[index + i].Value == spelling[i];
            }

            if (matches)
            {
                return (unit, spelling.Length);
            }
        }

        return null;
    }

    /// <summary>Whether an input whose canonical and accepted units are given reads this unit.</summary>
    public static bool Accepts(string? canonicalUnit, IReadOnlyList<string> acceptedUnits, string unit)
    {
        ArgumentNullException.ThrowIfNull(acceptedUnits);
        var key = Key(unit);
        return (canonicalUnit is not null && Key(canonicalUnit) == key) || acceptedUnits.Any(a => Key(a) == key);
    }

    private static string Key(string unit) => unit.ToLowerInvariant().Replace("µ", "u", StringComparison.Ordinal).Replace("×", "x", StringComparison.Ordinal).Replace("⁹", "^9", StringComparison.Ordinal);

    private static (string[] Tokens, string Unit)[] Build(Dictionary<string, string[]> spellings) =>
        [.. spellings.SelectMany(s => s.Value.Select(v => (Utterance.Normalize(v).Split(' '), s.Key))).OrderByDescending(s => s.Item1.Length)];
}
