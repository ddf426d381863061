using System.Collections.Frozen;
using System.Reflection;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>The word lists the detector consults, embedded in the assembly (Phi/Dictionaries/*.txt; each file
/// names its source). Loaded once; lookups are case-insensitive.</summary>
internal sealed class PhiDictionaries
{
    private static readonly Lazy<PhiDictionaries> Instance = new(Load);

    private PhiDictionaries(
        FrozenSet<string> firstNames, FrozenSet<string> surnames, FrozenSet<string> ambiguousNames, FrozenSet<string> clinicalTerms,
        FrozenSet<string> cities, FrozenDictionary<string, string> stateAbbreviations, FrozenSet<string> stateNames,
        FrozenSet<string> intlGivenNames, FrozenSet<string> intlSurnames, FrozenSet<string> intlPlaces, FrozenSet<string> intlStreets,
        FrozenSet<string> streetWords, FrozenSet<string> englishWords, FrozenSet<string> clinicalAbbreviations)
    {
        IntlGivenNames = intlGivenNames;
        IntlSurnames = intlSurnames;
        IntlPlaces = intlPlaces;
        IntlStreets = intlStreets;
        StreetWords = streetWords;
        EnglishWords = englishWords;
        ClinicalAbbreviations = clinicalAbbreviations;
        MaxPlaceWords = Math.Min(4, intlPlaces.Max(c => c.Split(' ').Length));
        MaxStreetWords = Math.Min(4, intlStreets.Max(c => c.Split(' ').Length));
        FirstNames = firstNames;
        Surnames = surnames;
        AmbiguousNames = ambiguousNames;
        ClinicalTerms = clinicalTerms;
        Cities = cities;
        StateAbbreviations = stateAbbreviations;
        StateNames = stateNames;
        MaxCityWords = cities.Max(c => c.Split(' ').Length);
        MaxStateWords = stateNames.Max(c => c.Split(' ').Length);
    }

    public static PhiDictionaries Shared => Instance.Value;

    public FrozenSet<string> FirstNames { get; }

    public FrozenSet<string> Surnames { get; }

    /// <summary>Names that are also everyday words: they need context.</summary>
    public FrozenSet<string> AmbiguousNames { get; }

    /// <summary>Eponyms, drugs and note vocabulary: never a name from the dictionaries alone.</summary>
    public FrozenSet<string> ClinicalTerms { get; }

    /// <summary>City names as written (single space between words), case-insensitive.</summary>
    public FrozenSet<string> Cities { get; }

    /// <summary>Postal abbreviation → state name.</summary>
    public FrozenDictionary<string, string> StateAbbreviations { get; }

    public FrozenSet<string> StateNames { get; }

    public int MaxCityWords { get; }

    /// <summary>Given names of many countries (Bogus locales, Latin script).</summary>
    public FrozenSet<string> IntlGivenNames { get; }

    public FrozenSet<string> IntlSurnames { get; }

    /// <summary>Towns and regions of many countries, as written (single spaces).</summary>
    public FrozenSet<string> IntlPlaces { get; }

    /// <summary>Street names of many countries, as written.</summary>
    public FrozenSet<string> IntlStreets { get; }

    /// <summary>Street type words: Street, Avenue, vej, gatan, Straße, rue...</summary>
    public FrozenSet<string> StreetWords { get; }

    /// <summary>Everyday English words (lowercase entries of a spelling list).</summary>
    public FrozenSet<string> EnglishWords { get; }

    /// <summary>Units, clinical abbreviations and note shorthand, any case.</summary>
    public FrozenSet<string> ClinicalAbbreviations { get; }

    public int MaxPlaceWords { get; }

    public int MaxStreetWords { get; }

    /// <summary>A given name in any list.</summary>
    public bool IsGivenName(string word) => FirstNames.Contains(word) || IntlGivenNames.Contains(word);

    /// <summary>In a name list, and neither an everyday word, a clinical term nor an abbreviation: a name even
    /// where letter case says nothing (ALL-CAPS or lowercase notes).</summary>
    public bool IsDistinctiveName(string word) =>
        word.Length >= 3 && IsName(word) && !IsCommonWord(word);

    /// <summary>An everyday English word, a clinical term or abbreviation, or a name that is also a word.</summary>
    public bool IsCommonWord(string word) =>
        EnglishWords.Contains(word) || ClinicalTerms.Contains(word) || ClinicalAbbreviations.Contains(word) || AmbiguousNames.Contains(word);

    public int MaxStateWords { get; }

    public bool IsName(string word) => FirstNames.Contains(word) || Surnames.Contains(word) || IntlGivenNames.Contains(word) || IntlSurnames.Contains(word);

    private static PhiDictionaries Load()
    {
        var states = Lines("states.txt").Select(l => l.Split('|')).ToList();
        return new PhiDictionaries(
            Set(Lines("first-names.txt")),
            Set(Lines("surnames.txt")),
            Set(Lines("ambiguous-name-words.txt")),
            Set(Lines("clinical-terms.txt")),
            Set(Lines("cities.txt")),
            states.ToFrozenDictionary(s => s[1], s => s[0], StringComparer.Ordinal),
            Set(states.Select(s => s[0])),
            Set(Lines("intl-given-names.txt")),
            Set(Lines("intl-surnames.txt")),
            Set(Lines("intl-places.txt")),
            Set(Lines("intl-streets.txt")),
            Set(Lines("street-words.txt")),
            Set(Lines("english-words.txt")),
            Set(Lines("clinical-abbreviations.txt")));
    }

    private static FrozenSet<string> Set(IEnumerable<string> words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file's entries: trimmed, without blank lines and <c>#</c> comments.</summary>
    public static IEnumerable<string> Lines(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Phi.Dictionaries." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
