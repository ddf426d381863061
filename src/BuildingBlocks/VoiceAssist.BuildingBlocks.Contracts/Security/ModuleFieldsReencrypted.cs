namespace VoiceAssist.BuildingBlocks.Contracts.Security;

/// <summary>What a module's re-encryption rewrote: how many values, and which of its columns
/// (<c>schema.table.column</c>) it holds encrypted.</summary>
public sealed record ModuleFieldsReencrypted(long ValuesRewritten, IReadOnlyList<string> Columns);
