using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Answers;

/// <summary>Writes the cited answer to a question: extractive by default, generative when a model is configured
/// (see <see cref="AnswerRegistration"/>).</summary>
internal interface IAnswerComposer
{
    Task<KnowledgeAnswer> Answer(string question, SearchFilters? filters, CancellationToken cancellationToken, Guid? caller = null);
}
