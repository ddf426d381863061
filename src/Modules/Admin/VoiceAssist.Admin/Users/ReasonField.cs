namespace VoiceAssist.Admin.Users;

/// <summary>A reason box of one of the account forms, with its error beside it.</summary>
internal sealed record ReasonField(string Id, string Name, string Label, string? Value, string? Error, bool Required = true);
