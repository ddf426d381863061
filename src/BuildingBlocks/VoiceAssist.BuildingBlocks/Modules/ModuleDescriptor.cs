using System.Reflection;

namespace VoiceAssist.BuildingBlocks.Modules;

/// <summary>What the host knows about a loaded module: its name, its database schema, its DbContext and the
/// assembly holding its handlers and migrations.</summary>
public sealed record ModuleDescriptor(string Name, string Schema, Type DbContextType, Assembly Assembly)
{
    /// <summary>The module's namespace: its DbContext's namespace without the trailing <c>.Data</c>. Handlers,
    /// consumers, validators and <c>Data/Migrations/*.sql</c> resources are looked up under it.</summary>
    public string RootNamespace { get; } = DbContextType.Namespace is { } ns && ns.EndsWith(".Data", StringComparison.Ordinal)
        ? ns[..^".Data".Length]
        : DbContextType.Namespace ?? string.Empty;

    public bool Owns(Type type) =>
        type.Assembly == Assembly && type.Namespace is { } ns && (ns == RootNamespace || ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal));
}
