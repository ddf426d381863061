namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Validation for identifiers that carry one: payment cards and NPIs (Luhn), SSNs (the Social Security
/// Administration's allocation rules), vehicle identification numbers (ISO 3779 check digit), DEA numbers.</summary>
internal static class Checksums
{
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
            count++;
        }

        return count >= 2 && sum % 10 == 0;
    }

    /// <summary>Area 000, 666 and 900-999, group 00 and serial 0000 are never issued.</summary>
    public static bool IsIssuableSsn(int area, int group, int serial) =>
        area is > 0 and < 900 and not 666 && group > 0 && serial > 0;

    public static bool IsValidVin(ReadOnlySpan<char> vin)
    {
        if (vin.Length != 17)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = VinValue(char.ToUpperInvariant(vin[i]));
            if (value < 0)
            {
                return false;
            }

            sum += value * weights[i];
        }

        var check = sum % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return char.ToUpperInvariant(vin[8]) == expected;
    }

    /// <summary>DEA registration: two letters and seven digits; (d1+d3+d5) + 2(d2+d4+d6) ends in d7.</summary>
    public static bool IsValidDea(ReadOnlySpan<char> dea)
    {
        if (dea.Length != 9 || !char.IsAsciiLetter(dea[0]) || !(char.IsAsciiLetter(dea[1]) || dea[1] == '9'))
        {
            return false;
        }

        Span<int> d = stackalloc int[7];
        for (var i = 0; i < 7; i++)
        {
            if (!char.IsAsciiDigit(dea[i + 2]))
            {
                return false;
            }

            d[i] = dea[i + 2] - '0';
        }

        return (d[0] + d[2] + d[4] + (2 * (d[1] + d[3] + d[5]))) % 10 == d[6];
    }

    private static int VinValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => -1,
    };
}
