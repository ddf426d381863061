using System.Text.RegularExpressions;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>The Knowledge module's calculator catalog, asked for once and indexed by every name a clinician may use:
/// the catalog's own name and id, and the spoken names in the lexicon.</summary>
internal sealed partial class CalculatorDirectory(Lexicon lexicon) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private Catalog? catalog;

    public async Task<Catalog> Get(ISender sender, CancellationToken cancellationToken)
    {
        if (catalog is { } ready)
        {
            return ready;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            return catalog ??= new Catalog(await sender.Send(new ListCalculators(), cancellationToken), lexicon);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    internal sealed class Catalog
    {
        private readonly Dictionary<string, CalculatorDescriptor> byId;
        private readonly List<(string Phrase, IReadOnlyList<string> Ids)> names;

        public Catalog(IReadOnlyList<CalculatorDescriptor> calculators, Lexicon lexicon)
        {
            byId = calculators.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var spoken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, phrases) in lexicon.CalculatorNames.Where(n => byId.ContainsKey(n.Key)))
            {
                foreach (var phrase in phrases)
                {
                    Add(index, phrase, id);
                    spoken.Add(phrase);
                }
            }

            foreach (var calculator in calculators)
            {
                foreach (var phrase in CatalogNames(calculator).Where(p => !spoken.Contains(p) && !lexicon.OrdinaryWords.Contains(p)))
                {
                    Add(index, phrase, calculator.Id);
                }
            }

            foreach (var (phrase, ids) in lexicon.CalculatorFamilies)
            {
                index[phrase] = [.. ids.Where(byId.ContainsKey)];
            }

            names = [.. index.Where(e => e.Value.Count > 0).Select(e => (e.Key, (IReadOnlyList<string>)[.. e.Value.Order(StringComparer.Ordinal)])).OrderByDescending(e => e.Key.Length)];
        }

        public IReadOnlyCollection<CalculatorDescriptor> All => byId.Values;

        public CalculatorDescriptor? Find(string? id) => id is not null && byId.TryGetValue(id, out var found) ? found : null;

        /// <summary>The calculators named in the utterance: one when the longest name mentioned is unique, several when
        /// it names a family ("wells"), none when no calculator is named.</summary>
        public IReadOnlyList<CalculatorDescriptor> Named(Utterance utterance)
        {
            foreach (var (phrase, ids) in names)
            {
                if (utterance.Contains(phrase))
                {
                    return [.. ids.Select(id => byId[id])];
                }
            }

            return [];
        }

        private static void Add(Dictionary<string, HashSet<string>> index, string phrase, string id)
        {
            if (phrase.Length < 3)
            {
                return;
            }

            if (!index.TryGetValue(phrase, out var ids))
            {
                index[phrase] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(id);
        }

        /// <summary>The catalog name without its parenthesis ("Creatinine clearance (Cockcroft–Gault)" → "creatinine
        /// clearance"), without a trailing "score", and the id when it is not an everyday word ("cha2ds2-vasc", not "heart").</summary>
        private static IEnumerable<string> CatalogNames(CalculatorDescriptor calculator)
        {
            var name = Utterance.Normalize(Parenthesis().Replace(calculator.Name, " "));
            yield return name;
            if (name.EndsWith(" score", StringComparison.Ordinal))
            {
                yield return name[..^" score".Length];
            }

            if (calculator.Id.Any(char.IsDigit) || calculator.Id.Contains('-', StringComparison.Ordinal))
            {
                yield return Utterance.Normalize(calculator.Id);
            }
        }
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesis();
}
