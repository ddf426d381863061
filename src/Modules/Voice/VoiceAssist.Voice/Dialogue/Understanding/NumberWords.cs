using System.Globalization;
using System.Text;

namespace VoiceAssist.Voice.Dialogue.Understanding;

/// <summary>Turns numbers spoken as words into digits: "seventy two" → "72", "one hundred and fifty four" → "154",
/// "one point two" → "1.2", "a hundred" → "100". Speech recognisers often write numbers this way.</summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["oh"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    public static string ToDigits(string normalized)
    {
        var tokens = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = new StringBuilder(normalized.Length);
        var i = 0;
        while (i < tokens.Length)
        {
            if (TryRead(tokens, i, out var value, out var consumed))
            {
                Append(output, value);
                i += consumed;
            }
            else
            {
                Append(output, tokens[i]);
                i++;
            }
        }

        return output.ToString();
    }

    private static void Append(StringBuilder output, string token)
    {
        if (output.Length > 0)
        {
            output.Append(' ');
        }

        output.Append(token);
    }

    private static bool TryRead(string[] tokens, int start, out string value, out int consumed)
    {
        value = string.Empty;
        consumed = 0;
        long total = 0;
        long current = 0;
        var any = false;
        var i = start;
        var lastWasUnit = false;
        var lastWasTens = false;
        while (i < tokens.Length)
        {
            var token = tokens[i];
            if (token == "a" && !any && i + 1 < tokens.Length && tokens[i + 1] is "hundred" or "thousand")
            {
                current = 1;
                i++;
                continue;
            }

            if (Units.TryGetValue(token, out var unit) && !(token == "oh" && !any))
            {
                if (lastWasUnit || (lastWasTens && unit >= 10))
                {
                    break;
                }

                current += unit;
                (any, lastWasUnit, lastWasTens) = (true, true, false);
            }
            else if (Tens.TryGetValue(token, out var ten))
            {
                if (lastWasUnit || lastWasTens)
                {
                    break;
                }

                current += ten;
                (any, lastWasUnit, lastWasTens) = (true, false, true);
            }
            else if (token == "hundred" && (any || current == 1))
            {
                current = Math.Max(current, 1) * 100;
                (any, lastWasUnit, lastWasTens) = (true, false, false);
            }
            else if (token == "thousand" && (any || current == 1))
            {
                total += Math.Max(current, 1) * 1000;
                current = 0;
                (any, lastWasUnit, lastWasTens) = (true, false, false);
            }
            else if (token == "and" && any && !lastWasUnit && !lastWasTens && i + 1 < tokens.Length && (Units.ContainsKey(tokens[i + 1]) || Tens.ContainsKey(tokens[i + 1])))
            {
                // "one hundred and fifty": the "and" belongs to the number
            }
            else
            {
                break;
            }

            i++;
        }

        if (!any)
        {
            return false;
        }

        var number = (total + current).ToString(CultureInfo.InvariantCulture);
        if (i + 1 < tokens.Length && tokens[i] == "point" && TryDecimals(tokens, i + 1, out var decimals, out var decimalTokens))
        {
            number += "." + decimals;
            i += 1 + decimalTokens;
        }

        value = number;
        consumed = i - start;
        return true;
    }

    private static bool TryDecimals(string[] tokens, int start, out string digits, out int consumed)
    {
        var builder = new StringBuilder();
        var i = start;
        while (i < tokens.Length && (Units.TryGetValue(tokens[i], out var digit) && digit < 10 || tokens[i].Length == 1 && char.IsDigit(tokens[i][0])))
        {
            builder.Append(Units.TryGetValue(tokens[i], out var d) ? d.ToString(CultureInfo.InvariantCulture) : tokens[i]);
            i++;
        }

        digits = builder.ToString();
        consumed = i - start;
        return consumed > 0;
    }
}
