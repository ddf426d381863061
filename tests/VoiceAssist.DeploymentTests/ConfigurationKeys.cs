using System.Text.Json;
using System.Text.RegularExpressions;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.DeploymentTests;

/// <summary>
/// The configuration keys the code reads, found in the code itself: literal keys passed to
/// <c>configuration["..."]</c> and <c>GetValue("...")</c>, the properties of every options class bound to a section,
/// the connection string names and the OTLP endpoint variable, and every key of the host's appsettings.json.
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary>Keys in the "Section:Key" form.</summary>
    public static IReadOnlySet<string> ReadByCode { get; } = Find();

    /// <summary>Settings read by ASP.NET Core, .NET, the OpenTelemetry SDK or Serilog themselves rather than by the project's code.</summary>
    public static bool IsFrameworkSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || key.StartsWith("DOTNET_", StringComparison.Ordinal)
        || key.StartsWith("OTEL_", StringComparison.Ordinal)
        || key.StartsWith("Serilog:", StringComparison.Ordinal)
        || key.StartsWith("Logging:", StringComparison.Ordinal)
        || key == "shutdownTimeoutSeconds";

    /// <summary>An environment variable name in configuration form: <c>Outbox__BatchSize</c> is <c>Outbox:BatchSize</c>.</summary>
    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    public static bool IsKnown(string key) =>
        ReadByCode.Contains(key) || IsFrameworkSetting(key);

    private static HashSet<string> Find()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal)
        {
            "ConnectionStrings:" + VoiceAssistPlatform.DatabaseConnection,
            "ConnectionStrings:" + VoiceAssistPlatform.RedisConnectionName,
            OpenTelemetrySetup.EndpointKey,
        };

        var sources = Directory.GetFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        foreach (var source in sources)
        {
            foreach (Match match in LiteralKey().Matches(source))
            {
                keys.Add(match.Groups["key"].Value);
            }

            foreach (Match match in BoundSection().Matches(source))
            {
                AddOptions(keys, sources, match.Groups["section"].Value, match.Groups["type"].Value);
            }

            foreach (Match match in ConfiguredOptions().Matches(source))
            {
                var type = match.Groups["type"].Value;
                var section = SectionConstant().Match(ClassBody(sources, type)).Groups["section"].Value;
                AddOptions(keys, sources, section, type);
            }
        }

        using var appsettings = JsonDocument.Parse(Repository.Read("src/VoiceAssist.Host/appsettings.json"));
        Flatten(appsettings.RootElement, prefix: null, keys);
        return keys;
    }

    private static void AddOptions(HashSet<string> keys, List<string> sources, string section, string type)
    {
        foreach (Match property in SettableProperty().Matches(ClassBody(sources, type)))
        {
            keys.Add($"{section}:{property.Groups["name"].Value}");
        }
    }

    private static string ClassBody(List<string> sources, string type)
    {
        var pattern = new Regex($@"class\s+{Regex.Escape(type)}\b(?<body>.*?)\n\}}", RegexOptions.Singleline);
        return sources.Select(source => pattern.Match(source)).FirstOrDefault(match => match.Success)?.Groups["body"].Value
            ?? throw new InvalidOperationException($"The options class {type} was not found under src/.");
    }

    private static void Flatten(JsonElement element, string? prefix, HashSet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", keys);
            }
        }
        else if (prefix is not null)
        {
            keys.Add(prefix);
        }
    }

    [GeneratedRegex(@"(?:[Cc]onfiguration\s*\[\s*|GetValue(?:<[^>]+>)?\(\s*)""(?<key>[A-Za-z][\w:]*)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"GetSection\(\s*""(?<section>[^""]+)""\s*\)\s*\.Get<(?<type>\w+)>")]
    private static partial Regex BoundSection();

    [GeneratedRegex(@"Configure<(?<type>\w+)>\(\s*\w+\.GetSection\(\s*\w+\.Section\s*\)")]
    private static partial Regex ConfiguredOptions();

    [GeneratedRegex(@"const\s+string\s+Section\s*=\s*""(?<section>[^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"public\s+[\w<>?\[\].]+\s+(?<name>\w+)\s*\{\s*get;\s*set;")]
    private static partial Regex SettableProperty();
}
