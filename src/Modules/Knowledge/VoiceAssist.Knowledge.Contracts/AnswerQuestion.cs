using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>Answers a question only with sentences taken word for word from the knowledge base, each one cited.</summary>
/// <param name="Question">The clinician's question.</param>
/// <param name="Filters">Restricts the documents the answer may come from.</param>
/// <param name="CallerId">The user (account id) asking: their own patient documents may answer too. Null answers from
/// the shared knowledge base only. The HTTP endpoint sets it to the signed-in user, whatever the body says.</param>
[TouchesPhi]
public sealed record AnswerQuestion(string Question, SearchFilters? Filters = null, string? CallerId = null) : IQuery<KnowledgeAnswer>;

/// <remarks><c>Found</c>: False when nothing in the knowledge base was relevant enough; the text then says so. <c>Text</c>: The answer, each sentence followed by its citation number, e.g. "... [1]".</remarks>
public sealed record KnowledgeAnswer(bool Found, string Text, IReadOnlyList<AnswerSentence> Sentences, IReadOnlyList<KnowledgeCitation> Citations);

public sealed record AnswerSentence(string Text, int Citation);

/// <remarks><c>Passage</c>: The exact passage the cited sentences come from. <c>Reference</c>: The source as an AMA-style reference.</remarks>
public sealed record KnowledgeCitation(int Number, Guid DocumentId, string? ExternalId, string Title, int? Page, string? Section, string Passage, string Reference);
