using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace VoiceAssist.DeploymentTests;

/// <summary>
/// Reads the chart without a helm binary. A template becomes a YAML skeleton: a line holding only a control action
/// (if, else, end, range, with, define) is dropped, so every branch is kept; a whole-line
/// <c>include "helper" . | nindent N</c> is replaced by the helper's own skeleton; a whole-line
/// <c>toYaml .Values.x | nindent N</c> by that part of values.yaml; any other expression by a placeholder scalar.
/// The skeleton is not what helm renders, but it must be valid YAML with the objects, keys and fixed values the
/// chart promises.
/// </summary>
internal sealed partial class HelmChart
{
    public const string Placeholder = "PLACEHOLDER";

    private readonly Dictionary<string, string> helpers;

    private HelmChart(string directory)
    {
        Directory = directory;
        Values = Yaml.LoadFile(Path.Combine(directory, "values.yaml"));
        Chart = Yaml.LoadFile(Path.Combine(directory, "Chart.yaml"));
        HelpersText = StripComments(Repository.Read(Path.Combine(directory, "templates", "_helpers.tpl")));
        helpers = ParseDefines(HelpersText);
    }

    public static HelmChart VoiceAssist { get; } = new("helm/voiceassist");

    public string Directory { get; }

    public YamlMappingNode Values { get; }

    public YamlMappingNode Chart { get; }

    public string HelpersText { get; }

    public IReadOnlyCollection<string> HelperNames => helpers.Keys;

    public IReadOnlyList<string> TemplateNames { get; } = System.IO.Directory
        .GetFiles(Repository.PathOf("helm/voiceassist/templates"), "*.yaml")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)
        .ToList()!;

    public string TemplateText(string name) => Repository.Read(Path.Combine(Directory, "templates", name));

    public string Skeleton(string templateName) =>
        string.Join('\n', Expand(StripComments(TemplateText(templateName)), indent: 0, depth: 0));

    public IReadOnlyList<YamlMappingNode> Render(string templateName) => Yaml.Documents(Skeleton(templateName));

    public IReadOnlyList<YamlMappingNode> RenderAll() => TemplateNames.SelectMany(Render).ToList();

    /// <summary>The object of a kind that a template declares; where there are several, the one named after the release.</summary>
    public YamlMappingNode Single(string kind, string template)
    {
        var ofKind = Render(template).Where(document => document.Str("kind") == kind).ToList();
        return ofKind.Count == 1 ? ofKind[0] : ofKind.Single(document => document.Str("metadata", "name") == Placeholder);
    }

    /// <summary>Every <c>.Values.a.b</c> path the templates and helpers read.</summary>
    public IReadOnlyCollection<string> ValuesReferences() =>
        TemplateNames.Select(TemplateText).Append(HelpersText)
            .SelectMany(text => ValuesReference().Matches(text).Select(match => match.Groups["path"].Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every helper name the templates include.</summary>
    public IReadOnlyCollection<string> IncludedHelpers() =>
        TemplateNames.Select(TemplateText).Append(HelpersText)
            .SelectMany(text => IncludeName().Matches(text).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    public YamlNode? ValueAt(string dottedPath) => Values.Get(dottedPath.Split('.'));

    private IEnumerable<string> Expand(string text, int indent, int depth)
    {
        if (depth > 10)
        {
            throw new InvalidOperationException("Helpers include each other too deeply.");
        }

        var prefix = new string(' ', indent);
        foreach (var line in text.Split('\n'))
        {
            var action = WholeLineAction().Match(line);
            if (!action.Success)
            {
                var replaced = InlineAction().Replace(line, Placeholder);
                yield return replaced.Trim().Length == 0 ? string.Empty : prefix + replaced;
                continue;
            }

            var body = action.Groups["body"].Value;
            var include = IncludeAction().Match(body);
            var toYaml = ToYamlAction().Match(body);
            if (include.Success)
            {
                var name = include.Groups["name"].Value;
                if (!helpers.TryGetValue(name, out var helper))
                {
                    throw new InvalidOperationException($"No helper named {name}.");
                }

                var at = include.Groups["indent"].Success ? int.Parse(include.Groups["indent"].Value) : line.Length - line.TrimStart().Length;
                foreach (var expanded in Expand(helper, indent + at, depth + 1))
                {
                    yield return expanded;
                }
            }
            else if (toYaml.Success)
            {
                var path = toYaml.Groups["path"].Value;
                var node = ValueAt(path) ?? throw new InvalidOperationException($"values.yaml has no {path}.");
                var yaml = new SerializerBuilder().Build().Serialize(Yaml.ToPlain(node)).TrimEnd();
                var at = indent + int.Parse(toYaml.Groups["indent"].Value);
                foreach (var serialized in yaml.Split('\n'))
                {
                    yield return new string(' ', at) + serialized;
                }
            }
        }
    }

    private static string StripComments(string text) => Comment().Replace(text, string.Empty);

    private static Dictionary<string, string> ParseDefines(string text)
    {
        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var start = 0;
        var depth = 0;
        foreach (Match action in AnyAction().Matches(text))
        {
            var body = action.Groups["body"].Value;
            var keyword = body.Split(' ', 2)[0];
            if (keyword == "define")
            {
                if (depth == 0)
                {
                    name = DefineName().Match(body).Groups["name"].Value;
                    start = action.Index + action.Length;
                }

                depth++;
            }
            else if (keyword is "if" or "range" or "with" or "block")
            {
                depth++;
            }
            else if (keyword == "end")
            {
                depth--;
                if (depth == 0 && name is not null)
                {
                    defines[name] = text[start..action.Index].Trim('\n');
                    name = null;
                }
            }
        }

        return defines;
    }

    [GeneratedRegex(@"\{\{-?\s*/\*.*?\*/\s*-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\{\{-?\s*(?<body>.*?)\s*-?\}\}", RegexOptions.Singleline)]
    private static partial Regex AnyAction();

    [GeneratedRegex(@"^\s*\{\{-?\s*(?<body>(?:(?!\{\{|\}\}).)*?)\s*-?\}\}\s*$")]
    private static partial Regex WholeLineAction();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex InlineAction();

    [GeneratedRegex(@"^include\s+""(?<name>[^""]+)""\s+\S+\s*(?:\|\s*n?indent\s+(?<indent>\d+))?$")]
    private static partial Regex IncludeAction();

    [GeneratedRegex(@"^toYaml\s+\$?\.Values\.(?<path>[\w.]+)\s*\|\s*n?indent\s+(?<indent>\d+)$")]
    private static partial Regex ToYamlAction();

    [GeneratedRegex(@"define\s+""(?<name>[^""]+)""")]
    private static partial Regex DefineName();

    [GeneratedRegex(@"\$?\.Values\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"(?:include|template)\s+""(?<name>[^""]+)""")]
    private static partial Regex IncludeName();
}
