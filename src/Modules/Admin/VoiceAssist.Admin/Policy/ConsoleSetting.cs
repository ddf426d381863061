namespace VoiceAssist.Admin.Policy;

/// <summary>One configuration key set in the console, with who set it and when.</summary>
internal sealed class ConsoleSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }

    /// <summary>The value is a secret encrypted under the key ring (<see cref="ConsoleSettingsProvider.Purpose"/>).</summary>
    public bool Encrypted { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}
