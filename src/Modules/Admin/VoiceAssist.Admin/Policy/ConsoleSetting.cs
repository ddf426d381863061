namespace VoiceAssist.Admin.Policy;

/// <summary>One configuration key set in the console, with who set it and when.</summary>
internal sealed class ConsoleSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}
