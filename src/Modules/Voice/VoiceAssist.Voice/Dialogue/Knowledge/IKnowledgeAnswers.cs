namespace VoiceAssist.Voice.Dialogue.Knowledge;

/// <summary>Answers a clinical question from the knowledge base. The conversation depends on this seam only, so the
/// Knowledge module's answer contract is used in one place.</summary>
internal interface IKnowledgeAnswers
{
    /// <param name="question">The question as the conversation settled it.</param>
    /// <param name="callerId">The clinician whose conversation asks (account id): their own patient documents may answer
    /// too, and nobody else's. Null answers from the shared knowledge base only.</param>
    /// <param name="cancellationToken">Ends the request when the turn is abandoned.</param>
    Task<KnowledgeReply> Answer(string question, string? callerId, CancellationToken cancellationToken);
}

/// <summary><c>Available</c> is false while the knowledge base cannot be asked at all; <c>Found</c> is false when it
/// was asked and held nothing relevant.</summary>
internal sealed record KnowledgeReply(bool Available, bool Found, string Text, IReadOnlyList<Citation> Citations)
{
    public static KnowledgeReply Unavailable { get; } = new(false, false, "The knowledge base isn't available yet, so I can't answer that question.", []);
}

/// <summary>Where a sentence of an answer comes from.</summary>
internal sealed record Citation(int Number, string Title, string Reference, int? Page, string? Section, string Passage);
