using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Testing;

namespace VoiceAssist.ArchitectureTests;

/// <summary>The module boundaries that let any module become its own service later, checked on the built assemblies.</summary>
public sealed partial class ModuleBoundaryTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private static readonly string[] ModuleNames = ["Voice", "Knowledge", "Identity", "Integrations", "Admin", "Compliance"];

    private static readonly Lazy<IReadOnlyDictionary<string, Assembly>> Assemblies = new(() =>
        Directory.GetFiles(AppContext.BaseDirectory, "VoiceAssist.*.dll")
            .Select(path => Assembly.LoadFrom(path))
            .ToDictionary(a => a.GetName().Name!));

    public static TheoryData<string> Modules => [.. ModuleNames];

    [Fact]
    public void Every_module_and_its_contracts_are_built()
    {
        foreach (var module in ModuleNames)
        {
            Assemblies.Value.Should().ContainKey($"VoiceAssist.{module}");
            Assemblies.Value.Should().ContainKey($"VoiceAssist.{module}.Contracts");
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_no_other_module_implementation(string module)
    {
        var otherImplementations = ModuleNames.Where(m => m != module).Select(m => $"VoiceAssist.{m}").ToHashSet();

        Implementation(module).GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => otherImplementations.Contains(name!));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_reference_only_the_base_library_and_the_building_block_contracts(string module)
    {
        var contracts = Assemblies.Value[$"VoiceAssist.{module}.Contracts"];

        contracts.GetReferencedAssemblies().Select(a => a.Name!)
            .Should().OnlyContain(name => name == "VoiceAssist.BuildingBlocks.Contracts" || name == "System.Runtime" || name == "netstandard"
                || name.StartsWith("System.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void The_only_public_type_of_a_module_is_its_registration_class(string module)
    {
        Implementation(module).GetExportedTypes().Select(t => t.Name)
            .Should().Equal($"{module}Module");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task A_module_DbContext_maps_only_its_own_schema(string module)
    {
        var descriptor = factory.Services.GetServices<ModuleDescriptor>().Single(m => m.Name == module);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(descriptor.DbContextType);

        descriptor.Assembly.Should().BeSameAs(Implementation(module));
        db.Model.GetEntityTypes().Select(e => e.GetSchema()).Should().OnlyContain(schema => schema == descriptor.Schema);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_migration_touches_only_its_own_schema(string module)
    {
        var descriptor = factory.Services.GetServices<ModuleDescriptor>().Single(m => m.Name == module);
        var otherSchemas = factory.Services.GetServices<ModuleDescriptor>().Where(m => m != descriptor).Select(m => m.Schema).ToHashSet();

        foreach (var (version, sql) in BuildingBlocks.Persistence.SqlMigrator.MigrationsOf(descriptor))
        {
            SchemaQualifiedName().Matches(sql).Select(m => m.Groups["schema"].Value)
                .Should().NotContain(otherSchemas, $"migration {descriptor.Schema}/{version} must stay in its own schema");
        }
    }

    [Fact]
    public void Every_module_is_registered_by_the_host_with_a_schema_of_its_own()
    {
        var descriptors = factory.Services.GetServices<ModuleDescriptor>().ToList();

        descriptors.Select(d => d.Name).Should().BeEquivalentTo(ModuleNames);
        descriptors.Select(d => d.Schema).Should().OnlyHaveUniqueItems();
    }

    private static Assembly Implementation(string module) => Assemblies.Value[$"VoiceAssist.{module}"];

    [GeneratedRegex(@"\b(?<schema>[a-z_]+)\.[a-z_]+\b")]
    private static partial Regex SchemaQualifiedName();
}
