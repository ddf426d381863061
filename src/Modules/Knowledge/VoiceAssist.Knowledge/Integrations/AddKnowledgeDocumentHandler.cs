using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Integrations;

/// <summary>Other modules add documents through <see cref="AddKnowledgeDocument"/>.</summary>
internal sealed class AddKnowledgeDocumentHandler(TextIngestion ingestion) : IRequestHandler<AddKnowledgeDocument, KnowledgeDocumentAccepted>
{
    public async Task<KnowledgeDocumentAccepted> Handle(AddKnowledgeDocument request, CancellationToken cancellationToken) =>
        (await ingestion.Ingest([new TextDocumentInput(request.Title, request.Text, request.Metadata ?? new DocumentMetadata())], cancellationToken))[0];
}
