using YamlDotNet.RepresentationModel;

namespace VoiceAssist.DeploymentTests;

/// <summary>Small reading helpers over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select(document => document.RootNode)
            .OfType<YamlMappingNode>()
            .ToList();
    }

    public static YamlMappingNode Document(string text) => Documents(text).Single();

    public static YamlMappingNode LoadFile(string relativePath) => Document(Repository.Read(relativePath));

    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                current = child;
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public static YamlMappingNode Map(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlMappingNode ?? throw new KeyNotFoundException($"No mapping at {string.Join('.', path)}");

    public static YamlSequenceNode Seq(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlSequenceNode ?? throw new KeyNotFoundException($"No sequence at {string.Join('.', path)}");

    public static string? Str(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<string> Keys(this YamlMappingNode mapping) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value!);

    /// <summary>The strings of a sequence of scalars, or of a single scalar.</summary>
    public static IReadOnlyList<string> Strings(this YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList(),
        YamlScalarNode scalar when scalar.Value is not null => [scalar.Value],
        _ => [],
    };

    /// <summary>Converts a node to plain objects (dictionaries, lists, strings) for re-serialising.</summary>
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!, pair => ToPlain(pair.Value), StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };
}
