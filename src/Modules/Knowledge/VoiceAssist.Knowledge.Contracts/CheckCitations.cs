using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>Holds text a language model wrote from numbered knowledge base passages to the same citation rule as
/// generated answers: each sentence must cite at least one supplied passage ("... [2]"); a marker naming no supplied
/// passage is removed and a sentence left without a valid citation is dropped, both reported as flags.</summary>
/// <param name="Text">The model's text, citation markers included.</param>
/// <param name="PassageCount">How many passages were supplied, numbered from 1.</param>
public sealed record CheckCitations(string Text, int PassageCount) : IQuery<CitationCheckResult>;

/// <remarks><c>Sentences</c>: how many sentences the text had. <c>Kept</c>: those that kept a valid citation.</remarks>
public sealed record CitationCheckResult(int Sentences, IReadOnlyList<CitedSentence> Kept, IReadOnlyList<AnswerFlag> Flags);

/// <summary>A kept sentence without its markers, and the supplied passage numbers (1-based) it cites, in the order written.</summary>
public sealed record CitedSentence(string Text, IReadOnlyList<int> Passages);
