using System.Collections.Concurrent;
using Npgsql;

namespace VoiceAssist.Knowledge.Search;

/// <summary>Turns a query into weighted lexemes with the same English configuration that indexed the passages
/// (so "kidneys" meets "kidney"), adding the reviewed synonym and abbreviation expansions at a lower weight.</summary>
internal sealed class QueryAnalyzer(NpgsqlDataSource dataSource, MedicalSynonyms synonyms, Microsoft.Extensions.Options.IOptions<KnowledgeOptions> options)
{
    private readonly ConcurrentDictionary<string, string[]> expansionLexemes = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<WeightedTerm>> Analyze(string query, CancellationToken cancellationToken)
    {
        var expansions = synonyms.Expansions(query);
        var unknown = expansions.Where(e => !expansionLexemes.ContainsKey(e)).ToList();
        var texts = new List<string> { query };
        texts.AddRange(unknown);
        var lexemes = await Lexemes(texts, cancellationToken);
        for (var i = 0; i < unknown.Count; i++)
        {
            expansionLexemes[unknown[i]] = lexemes[i + 1];
        }

        var terms = lexemes[0].Select(l => new WeightedTerm(l, 1.0)).ToList();
        var typed = new HashSet<string>(lexemes[0], StringComparer.Ordinal);
        var weight = options.Value.Search.ExpansionWeight;
        foreach (var expansion in expansions)
        {
            var expanded = expansionLexemes[expansion].Where(l => !typed.Contains(l)).ToArray();
            // A multi-word expansion shares its weight, so "CKD" does not outweigh the rest of the question.
            terms.AddRange(expanded.Select(l => new WeightedTerm(l, weight / Math.Sqrt(expanded.Length))));
        }

        return terms;
    }

    /// <summary>For each synonym group the query mentions: the lexemes of the words it used, and the lexemes of
    /// each alternative; an answer may cover the question's words through any alternative.</summary>
    public async Task<IReadOnlyList<(string[] Typed, IReadOnlyList<string[]> Alternatives)>> Concepts(string query, CancellationToken cancellationToken)
    {
        var matches = synonyms.Matches(query);
        if (matches.Count == 0)
        {
            return [];
        }

        var texts = matches.SelectMany(m => m.Matched.Concat(m.Others)).ToList();
        var lexemes = await Lexemes(texts, cancellationToken);
        var result = new List<(string[], IReadOnlyList<string[]>)>();
        var next = 0;
        foreach (var (matched, others) in matches)
        {
            var typed = lexemes.Skip(next).Take(matched.Count).SelectMany(l => l).Distinct().ToArray();
            next += matched.Count;
            result.Add((typed, lexemes.Skip(next).Take(others.Count).Where(l => l.Length > 0).ToList()));
            next += others.Count;
        }

        return result;
    }

    /// <summary>The lexemes of each text, in order.</summary>
    public async Task<IReadOnlyList<string[]>> Lexemes(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await using var command = dataSource.CreateCommand("""
            SELECT array(SELECT lexeme FROM unnest(to_tsvector('english', knowledge.lexical_text(t))))
            FROM unnest(@texts) WITH ORDINALITY AS x(t, n) ORDER BY n
            """);
        command.Parameters.AddWithValue("texts", texts.ToArray());
        var result = new List<string[]>(texts.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetFieldValue<string[]>(0));
        }

        return result;
    }
}
