using System.Text.RegularExpressions;

namespace VoiceAssist.Knowledge.Search;

/// <summary>Splits a compound question into the questions it contains, so each side gets its own best passages:
/// "compare statin use in CKD and in diabetes" becomes "statin use in CKD" and "statin use in diabetes".</summary>
internal static partial class QueryDecomposer
{
    public static IReadOnlyList<string> Decompose(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trimmed = query.Trim().TrimEnd('?', '.', '!').Trim();
        if (Compare().Match(trimmed) is { Success: true } compare)
        {
            var topic = compare.Groups["topic"].Value.Trim();
            var preposition = compare.Groups["prep"].Value;
            return [$"{topic} {preposition} {compare.Groups["a"].Value.Trim()}", $"{topic} {preposition} {compare.Groups["b"].Value.Trim()}"];
        }

        if (Versus().Match(trimmed) is { Success: true } versus)
        {
            var tail = versus.Groups["tail"].Value;
            return [$"{versus.Groups["a"].Value.Trim()} {tail}".Trim(), $"{versus.Groups["b"].Value.Trim()} {tail}".Trim()];
        }

        return [query];
    }

    [GeneratedRegex(@"^(?:compare|contrast|what is the difference in|how does|how do|how is|how are)\s+(?<topic>.+?)\s+(?<prep>in|for|among|between|with|after)\s+(?<a>.+?)\s+(?:and|versus|vs\.?|or|compared with|compared to)\s+(?:in|for|among|with|after)?\s*(?<b>[^,]+?)(?:\s+(?:differ|compare))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Compare();

    [GeneratedRegex(@"^(?<a>[^,]+?)\s+(?:versus|vs\.?|compared with|compared to)\s+(?<b>[^,]+?)(?:\s+(?<tail>(?:for|in|among)\s+.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Versus();
}
