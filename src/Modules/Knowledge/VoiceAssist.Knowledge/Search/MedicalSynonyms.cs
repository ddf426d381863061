using System.Reflection;
using System.Text.RegularExpressions;

namespace VoiceAssist.Knowledge.Search;

/// <summary>The reviewed list of medical abbreviations, synonyms and lay terms (embedded
/// <c>medical-synonyms.txt</c>, which names its source), matched against a query as whole words.</summary>
internal sealed partial class MedicalSynonyms
{
    private readonly List<string[]> groups;

    public MedicalSynonyms(IEnumerable<string> lines)
    {
        groups = lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray())
            .Where(g => g.Length > 1)
            .ToList();
    }

    public static MedicalSynonyms Embedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("medical-synonyms.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return new MedicalSynonyms(reader.ReadToEnd().Split('\n'));
    }

    public int GroupCount => groups.Count;

    /// <summary>The terms to add for a query: the other members of every group one of whose terms it contains.</summary>
    public IReadOnlyList<string> Expansions(string query) => Matches(query).SelectMany(m => m.Others).Distinct().ToList();

    /// <summary>Each group the query mentions: the terms it used, and the group's other terms.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Matched, IReadOnlyList<string> Others)> Matches(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var normalised = " " + NonWord().Replace(query.ToLowerInvariant(), " ") + " ";
        var matches = new List<(IReadOnlyList<string>, IReadOnlyList<string>)>();
        foreach (var group in groups)
        {
            var matched = group.Where(term => normalised.Contains(" " + NonWord().Replace(term, " ").Trim() + " ", StringComparison.Ordinal)).ToList();
            if (matched.Count > 0)
            {
                matches.Add((matched, group.Except(matched).ToList()));
            }
        }

        return matches;
    }

    [GeneratedRegex(@"[^a-z0-9&]+")]
    private static partial Regex NonWord();
}
