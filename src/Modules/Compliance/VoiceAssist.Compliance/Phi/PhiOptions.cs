namespace VoiceAssist.Compliance.Phi;

/// <summary>Settings under <c>Compliance:Phi</c>.</summary>
internal sealed class PhiOptions
{
    public const string Section = "Compliance:Phi";

    /// <summary>Longest text, in characters, that detection and redaction accept; longer requests are a 400.</summary>
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>Candidates scored below this are not reported (0 to 1). Lower finds more and flags more by mistake.</summary>
    public double MinimumConfidence { get; set; } = Detection.PhiDetector.DefaultMinimumConfidence;
}
