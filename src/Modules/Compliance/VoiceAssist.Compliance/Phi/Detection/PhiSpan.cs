namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>A candidate or accepted identifier: [<see cref="Start"/>, <see cref="End"/>) in the text.</summary>
internal readonly record struct PhiSpan(int Start, int End, string Type, double Confidence)
{
    public int Length => End - Start;

    public bool Overlaps(PhiSpan other) => Start < other.End && other.Start < End;
}
