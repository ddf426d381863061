namespace VoiceAssist.Integrations.Connectors;

internal sealed class Connector
{
    public required string Kind { get; set; }
    public required string BaseUrl { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
