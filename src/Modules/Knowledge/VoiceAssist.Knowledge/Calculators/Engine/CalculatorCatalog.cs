using System.Collections.Frozen;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>Every calculator the module offers. Calculators are stateless, so one instance of each serves all requests.</summary>
internal static class CalculatorCatalog
{
    public static IReadOnlyList<Calculator> All { get; } = Library.Calculators.Create();

    private static readonly FrozenDictionary<string, Calculator> ById = BuildIdIndex();

    private static readonly FrozenDictionary<Calculator, FrozenDictionary<string, string>> InputIndex =
        All.ToFrozenDictionary(c => c, BuildInputIndex);

    public static Calculator? Find(string id) => ById.GetValueOrDefault(InputReader.Key(id));

    /// <summary>Normalised input name, label and synonyms → input name.</summary>
    public static FrozenDictionary<string, string> InputKeys(Calculator calculator) =>
        InputIndex.TryGetValue(calculator, out var keys) ? keys : BuildInputIndex(calculator);

    public static CalculatorDescriptor Describe(Calculator calculator) => new(
        calculator.Id,
        calculator.Name,
        calculator.Description,
        calculator.Category,
        calculator.ResultUnit,
        [.. calculator.Inputs.Select(DescribeInput)],
        calculator.Sources,
        calculator.Notes);

    private static CalculatorInputDescriptor DescribeInput(InputSpec spec) => new(
        spec.Name,
        spec.Label,
        spec.Kind.ToString().ToLowerInvariant(),
        spec.Quantity?.CanonicalUnit,
        spec.Quantity?.AcceptedUnits ?? [],
        spec.Min,
        spec.Max,
        [.. spec.Choices.Select(c => new CalculatorChoice(c.Value, c.Label, c.Synonyms))],
        spec.Required,
        spec.Default switch
        {
            null => null,
            bool flag => flag ? "true" : "false",
            double number => Format.Number(number, 4),
            var other => other.ToString(),
        },
        spec.Prompt,
        spec.Synonyms,
        spec.Help);

    private static FrozenDictionary<string, Calculator> BuildIdIndex()
    {
        var index = new Dictionary<string, Calculator>(StringComparer.Ordinal);
        foreach (var calculator in All)
        {
            index.Add(InputReader.Key(calculator.Id), calculator);
        }

        foreach (var calculator in All)
        {
            foreach (var alias in calculator.Aliases)
            {
                index.TryAdd(InputReader.Key(alias), calculator);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> BuildInputIndex(Calculator calculator)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in calculator.Inputs)
        {
            index[InputReader.Key(spec.Name)] = spec.Name;
        }

        foreach (var spec in calculator.Inputs)
        {
            foreach (var key in spec.Synonyms.Prepend(spec.Label).Select(InputReader.Key))
            {
                index.TryAdd(key, spec.Name);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
