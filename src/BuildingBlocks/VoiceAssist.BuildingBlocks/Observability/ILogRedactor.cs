namespace VoiceAssist.BuildingBlocks.Observability;

/// <summary>Removes protected health information from text on its way into the logs. The logging pipeline calls it
/// for every message template, string property value (including scopes and log context) and exception message;
/// the host supplies the implementation (the Compliance module's detector).</summary>
public interface ILogRedactor
{
    string Redact(string text);
}
