using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Compliance.Phi.Detection;
using VoiceAssist.Compliance.Phi.Redaction;

namespace VoiceAssist.Compliance.Phi.LogRedaction;

/// <summary>What the logging pipeline calls for every string it is about to write: the text with each identifier
/// replaced by its type tag. Text too long to scan cheaply is withheld rather than written unscanned.</summary>
internal sealed class PhiLogRedactor(PhiDetector detector) : ILogRedactor
{
    public const int MaxScannedLength = 20_000;

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Trace, span and correlation ids are hex or GUIDs: operational, never PHI, and needed intact.
        if (text.Length >= 16 && text.All(c => char.IsAsciiHexDigit(c) || c == '-'))
        {
            return text;
        }

        if (text.Length > MaxScannedLength)
        {
            return $"[WITHHELD: {text.Length} characters]";
        }

        var spans = detector.Detect(text);
        return spans.Count == 0 ? text : PhiRedactor.Redact(text, spans, Contracts.RedactionStyle.TypeTags, Random.Shared).Text;
    }
}
