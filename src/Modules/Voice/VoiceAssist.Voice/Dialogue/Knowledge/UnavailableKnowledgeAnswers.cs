namespace VoiceAssist.Voice.Dialogue.Knowledge;

/// <summary>Used until the Knowledge module offers its answer contract: says so, rather than inventing an answer.</summary>
internal sealed class UnavailableKnowledgeAnswers : IKnowledgeAnswers
{
    public Task<KnowledgeReply> Answer(string question, CancellationToken cancellationToken) => Task.FromResult(KnowledgeReply.Unavailable);
}
