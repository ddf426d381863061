using System.Reflection;

namespace VoiceAssist.BuildingBlocks.Modules;

/// <summary>What the host knows about a loaded module: its name, its database schema, its DbContext and the
/// assembly holding its handlers and migrations.</summary>
public sealed record ModuleDescriptor(string Name, string Schema, Type DbContextType, Assembly Assembly);
