using System.Text.RegularExpressions;

namespace VoiceAssist.DeploymentTests;

public sealed partial class DocumentationTests
{
    [Fact]
    public void Configuration_reference_documents_every_key_the_code_reads()
    {
        var reference = Repository.Read("docs/configuration.md");

        ConfigurationKeys.ReadByCode.Where(key => !reference.Contains($"`{key}`", StringComparison.Ordinal))
            .Should().BeEmpty("docs/configuration.md lists every configuration key with its default");
    }

    [Fact]
    public void Configuration_reference_documents_no_key_the_code_does_not_read()
    {
        var reference = Repository.Read("docs/configuration.md");
        var documented = DocumentedKey().Matches(reference).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);

        documented.Where(key => !ConfigurationKeys.IsKnown(key)).Should().BeEmpty();
    }

    [Fact]
    public void Operations_guide_covers_health_dead_letters_migrations_and_the_backup_of_every_schema()
    {
        var guide = Repository.Read("docs/operations.md");

        guide.Should().Contain("/health/live").And.Contain("/health/ready").And.Contain("--migrate");
        guide.Should().Contain("GET /api/operations/outbox/dead-letters");
        guide.Should().Contain("POST /api/operations/outbox/dead-letters/{module}/{id}/redrive");
        guide.Should().Contain("pg_dump");
        foreach (var schema in ModuleSchemas())
        {
            guide.Should().Contain($"--schema={schema}", "the backup command must cover every module's schema");
        }
    }

    private static IEnumerable<string> ModuleSchemas() =>
        Directory.GetFiles(Repository.PathOf("src/Modules"), "*Module.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Select(source => SchemaConstant().Match(source))
            .Where(match => match.Success)
            .Select(match => match.Groups["schema"].Value);

    [GeneratedRegex(@"const\s+string\s+Schema\s*=\s*""(?<schema>\w+)""")]
    private static partial Regex SchemaConstant();

    /// <summary>A key in the first column of a reference table: | `Section:Key` |.</summary>
    [GeneratedRegex(@"^\|\s*`(?<key>[A-Za-z_][\w:]*)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex DocumentedKey();
}
