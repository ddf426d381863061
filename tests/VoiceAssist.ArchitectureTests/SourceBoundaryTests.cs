using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VoiceAssist.ArchitectureTests;

/// <summary>Boundaries read from the source tree: SQL text in C# that reaches into another module's schema, and
/// internals opened to projects that do not exist.</summary>
public sealed partial class SourceBoundaryTests
{
    private static readonly Dictionary<string, string> SchemaOfModule = new()
    {
        ["Voice"] = "voice",
        ["Knowledge"] = "knowledge",
        ["Identity"] = "identity",
        ["Integrations"] = "integrations",
        ["Admin"] = "admin",
        ["Compliance"] = "compliance",
    };

    private static readonly string Root = FindRoot();

    public static TheoryData<string> Modules => [.. SchemaOfModule.Keys];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_SQL_names_only_its_own_schema(string module)
    {
        var others = SchemaOfModule.Where(m => m.Key != module).Select(m => m.Value).ToHashSet();

        var offending = SqlTableReferences(Path.Combine(Root, "src", "Modules", module))
            .Where(r => others.Contains(r.Schema))
            .Select(r => $"{r.File}: {r.Sql}");

        offending.Should().BeEmpty($"the {module} module reaches other modules through their contracts, never their tables");
    }

    [Fact]
    public void The_building_blocks_SQL_names_no_module_schema()
    {
        var modules = SchemaOfModule.Values.ToHashSet();

        var offending = SqlTableReferences(Path.Combine(Root, "src", "BuildingBlocks"))
            .Where(r => modules.Contains(r.Schema))
            .Select(r => $"{r.File}: {r.Sql}");

        offending.Should().BeEmpty("shared code works on the tables a module hands it, never on a module's schema by name");
    }

    [Fact]
    public void Internals_are_visible_only_to_projects_that_exist()
    {
        var projects = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet();
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "VoiceAssist.*.dll")
            .Select(Assembly.LoadFrom)
            .Where(a => projects.Contains(a.GetName().Name));

        var dangling = assemblies
            .SelectMany(a => a.GetCustomAttributes<InternalsVisibleToAttribute>().Select(v => $"{a.GetName().Name} -> {v.AssemblyName}"))
            .Where(pair => !projects.Contains(pair[(pair.IndexOf("-> ", StringComparison.Ordinal) + 3)..]));

        dangling.Should().BeEmpty("an InternalsVisibleTo for a project that does not exist is an open door nobody watches");
    }

    private static IEnumerable<(string File, string Schema, string Sql)> SqlTableReferences(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SqlTableReference().Matches(File.ReadAllText(f))
                .Select(m => (Path.GetRelativePath(Root, f), m.Groups["schema"].Value.ToLowerInvariant(), m.Value)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceAssist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VoiceAssist.sln not found above the test's output folder.");
    }

    [GeneratedRegex(@"\b(FROM|JOIN|UPDATE|INTO|TABLE|TRUNCATE)\s+""?(?<schema>[A-Za-z_]+)""?\.""?[A-Za-z_]+", RegexOptions.IgnoreCase)]
    private static partial Regex SqlTableReference();
}
