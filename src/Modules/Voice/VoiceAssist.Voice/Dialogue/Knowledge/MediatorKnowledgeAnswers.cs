using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Voice.Dialogue.Knowledge;

/// <summary>Asks the Knowledge module through its <see cref="AnswerQuestion"/> contract.</summary>
internal sealed class MediatorKnowledgeAnswers(ISender sender) : IKnowledgeAnswers
{
    public async Task<KnowledgeReply> Answer(string question, string? callerId, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new AnswerQuestion(question, CallerId: callerId), cancellationToken);
        return new KnowledgeReply(
            true,
            answer.Found,
            answer.Text,
            [.. answer.Citations.Select(c => new Citation(c.Number, c.Title, c.Reference, c.Page, c.Section, c.Passage))]);
    }
}
