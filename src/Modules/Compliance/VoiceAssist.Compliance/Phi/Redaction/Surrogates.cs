using System.Globalization;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Compliance.Phi.Redaction;

/// <summary>Stand-ins for one text. The same identifier always gets the same stand-in (names word by word, so
/// "Mr. Okafor" and "Emeka Okafor" stay the same person); dates all move by one random number of days, so the
/// intervals between them survive; numbers keep their shape with random digits. Nothing is derived from the
/// original value, so a stand-in cannot be traced back to it; and no stand-in name or weekday is a word of the
/// original text, so a stand-in never reads as another identifier that was there.</summary>
internal sealed class Surrogates(Random random, string text)
{
    private static readonly string[] DateFormats =
    [
        "M/d/yyyy", "MM/dd/yyyy", "M/d/yy", "MM/dd/yy", "M-d-yyyy", "M.d.yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "MMMM d, yyyy", "MMMM d yyyy",
        "MMM d, yyyy", "MMM d yyyy", "MMM. d, yyyy", "d MMMM yyyy", "d MMM yyyy", "dd-MMM-yyyy", "d-MMM-yyyy", "dd-MMM-yy", "MMMM yyyy",
        "MMM yyyy", "M/yyyy", "MMMM d", "MMM d", "M/d", "MM/dd", "MMMM",
    ];

    private static readonly string[] Streets = ["Maple", "Oak", "Elm", "Birch", "Spruce", "Linden", "Juniper", "Hawthorn"];
    private static readonly string[] StreetTypes = ["Street", "Avenue", "Road", "Lane", "Drive"];

    private readonly Dictionary<string, string> byValue = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> nameWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly int dayShift = -random.Next(30, 366);
    private readonly PhiDictionaries dictionaries = PhiDictionaries.Shared;
    private int sequence;

    public string For(string type, string original)
    {
        if (type == PhiTypes.Name)
        {
            return Name(original);
        }

        var key = type + "\u0001" + original;
        if (!byValue.TryGetValue(key, out var surrogate))
        {
            byValue[key] = surrogate = Make(type, original);
        }

        return surrogate;
    }

    private string Make(string type, string original) => type switch
    {
        PhiTypes.Date => ShiftDate(original),
        PhiTypes.Age => "90+",
        PhiTypes.Email => $"person{Next()}@example.org",
        PhiTypes.Url => $"https://example.org/r/{Next()}",
        PhiTypes.Ip => $"192.0.2.{Next() % 254 + 1}",
        PhiTypes.Address => $"{random.Next(10, 9999)} {Pick(Streets)} {Pick(StreetTypes)}",
        PhiTypes.City => Pick(dictionaries.Cities.Where(c => !c.Equals(original, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray()),
        PhiTypes.State => original.Length == 2
            ? Pick(dictionaries.StateAbbreviations.Keys.Where(s => s != original).Order(StringComparer.Ordinal).ToArray())
            : Pick(dictionaries.StateNames.Where(s => !s.Equals(original, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray()),
        PhiTypes.Hospital => $"{Pick(Streets)} Valley Hospital",
        PhiTypes.Organization => $"Organization {Next()}",
        _ => original.Any(char.IsAsciiLetterOrDigit) ? Reshape(original) : $"[{type}]",
    };

    private string Name(string original)
    {
        var words = original.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(NameWord));
    }

    private string NameWord(string word)
    {
        var trimmed = word.TrimEnd('.', ',');
        var suffix = word[trimmed.Length..];
        if (trimmed.Length <= 1)
        {
            if (trimmed.Length == 0)
            {
                return word;
            }

            // An initial keeps its stand-in too, so "J. Smith" is the same person each time.
            if (!nameWords.TryGetValue(trimmed, out var initial))
            {
                nameWords[trimmed] = initial = ((char)('A' + random.Next(26))).ToString();
            }

            return (char.IsLower(trimmed[0]) ? initial.ToLowerInvariant() : initial) + suffix;
        }

        if (!nameWords.TryGetValue(trimmed, out var surrogate))
        {
            var pool = dictionaries.FirstNames.Contains(trimmed) ? dictionaries.FirstNames : dictionaries.Surnames;
            do
            {
                surrogate = Pick(pool.Order(StringComparer.Ordinal).ToArray());
            }
            while (surrogate.Equals(trimmed, StringComparison.OrdinalIgnoreCase) || dictionaries.AmbiguousNames.Contains(surrogate)
                   || text.Contains(surrogate, StringComparison.OrdinalIgnoreCase));

            nameWords[trimmed] = surrogate;
        }

        var cased = trimmed.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? surrogate.ToUpperInvariant() : surrogate;
        return cased + suffix;
    }

    private string ShiftDate(string original)
    {
        foreach (var format in DateFormats)
        {
            // The format that writes the date back exactly as it was, so "03/14/2021" stays zero-padded.
            if (DateTime.TryParseExact(original, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date.ToString(format, CultureInfo.InvariantCulture).Equals(original, StringComparison.OrdinalIgnoreCase))
            {
                return date.AddDays(dayShift).ToString(format, CultureInfo.InvariantCulture);
            }
        }

        if (Enum.TryParse<DayOfWeek>(original, ignoreCase: true, out var day) && char.IsLetter(original[0]))
        {
            var shifted = ((DayOfWeek)((((int)day + dayShift) % 7 + 7) % 7)).ToString();
            return text.Contains(shifted, StringComparison.OrdinalIgnoreCase) ? $"[{PhiTypes.Date}]" : shifted;
        }

        return $"[{PhiTypes.Date}]";
    }

    /// <summary>Same length and punctuation; each digit and letter replaced by a random one of its kind.</summary>
    private string Reshape(string original)
    {
        var chars = original.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                chars[i] = (char)('0' + random.Next(10));
            }
            else if (char.IsAsciiLetterUpper(chars[i]))
            {
                chars[i] = (char)('A' + random.Next(26));
            }
            else if (char.IsAsciiLetterLower(chars[i]))
            {
                chars[i] = (char)('a' + random.Next(26));
            }
        }

        var reshaped = new string(chars);
        return reshaped == original ? Reshape(original) : reshaped;
    }

    private int Next() => ++sequence;

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
