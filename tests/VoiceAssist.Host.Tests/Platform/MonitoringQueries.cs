using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>The series names the Grafana dashboards (deploy/grafana/dashboards) and the alert rules
/// (deploy/prometheus/rules) query, read out of their PromQL.</summary>
internal static partial class MonitoringQueries
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan",
    };

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Series name → where it is queried (file: panel title or alert name).</summary>
    public static IReadOnlyDictionary<string, List<string>> Series()
    {
        var series = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (where, expr) in Expressions())
        {
            foreach (var name in Names(expr))
            {
                (series.TryGetValue(name, out var uses) ? uses : series[name] = []).Add(where);
            }
        }

        return series;
    }

    public static IEnumerable<string> Names(string expr)
    {
        var text = QuotedString().Replace(expr, " ");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Variable().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(match => !IsFunctionCall(text, match) && !Keywords.Contains(match.Value))
            .Select(match => match.Value)
            .Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<(string Where, string Expr)> Expressions()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot, "deploy", "grafana", "dashboards"), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _)))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return ($"{Path.GetFileName(path)}: {panel.GetProperty("title").GetString()}", target.GetProperty("expr").GetString()!);
                }
            }
        }

        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot, "deploy", "prometheus", "rules"), "*.yml"))
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(path)))
            {
                stream.Load(reader);
            }

            var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("groups")];
            foreach (var rule in groups.Children.SelectMany(group => ((YamlSequenceNode)((YamlMappingNode)group).Children[new YamlScalarNode("rules")]).Children).Cast<YamlMappingNode>())
            {
                var name = rule.Children.TryGetValue(new YamlScalarNode("alert"), out var alert) ? alert.ToString() : rule.Children[new YamlScalarNode("record")].ToString();
                yield return ($"{Path.GetFileName(path)}: {name}", rule.Children[new YamlScalarNode("expr")].ToString());
            }
        }
    }

    private static bool IsFunctionCall(string text, Match match)
    {
        var after = match.Index + match.Length;
        while (after < text.Length && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        return after < text.Length && text[after] == '(';
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceAssist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VoiceAssist.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
