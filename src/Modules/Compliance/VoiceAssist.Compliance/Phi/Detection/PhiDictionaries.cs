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
        FrozenSet<string> cities, FrozenDictionary<string, string> stateAbbreviations, FrozenSet<string> stateNames)
    {
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

    public int MaxStateWords { get; }

    public bool IsName(string word) => FirstNames.Contains(word) || Surnames.Contains(word);

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
            Set(states.Select(s => s[0])));
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
