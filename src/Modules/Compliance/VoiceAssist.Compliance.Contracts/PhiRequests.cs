using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts;

/// <summary>Finds the protected health information in a piece of clinical free text.</summary>
[TouchesPhi]
public sealed record DetectPhi(string Text) : IQuery<PhiDetection>;

/// <summary>Every finding in the text, in order of position.</summary>
public sealed record PhiDetection(IReadOnlyList<PhiFinding> Findings);

/// <summary>One identifier: its kind (<see cref="PhiTypes"/>), its span [<c>Start</c>, <c>End</c>) in UTF-16
/// code units of the submitted text, how sure the detector is (0 to 1), and the text itself.</summary>
public sealed record PhiFinding(int Start, int End, string Type, double Confidence, string Text);

/// <summary>Returns the text with every identifier replaced in the chosen style.</summary>
[TouchesPhi]
public sealed record RedactPhi(string Text, RedactionStyle Style = RedactionStyle.TypeTags) : IQuery<RedactedText>;

/// <summary>How identifiers are replaced.</summary>
public enum RedactionStyle
{
    /// <summary><c>[NAME]</c>, <c>[DATE]</c>...</summary>
    TypeTags,

    /// <summary>Realistic stand-ins, the same stand-in for every mention of the same identifier in the text; dates
    /// move by one random offset per text, so intervals between them survive.</summary>
    Surrogates,

    /// <summary>Each character of the identifier becomes <c>*</c>, so the layout survives.</summary>
    Mask,
}

/// <summary>The redacted text and, for each replacement, its kind and its span in the redacted text.</summary>
public sealed record RedactedText(string Text, IReadOnlyList<PhiReplacement> Replacements);

public sealed record PhiReplacement(int Start, int End, string Type);
