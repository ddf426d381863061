using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Integrations;

internal sealed class GetKnowledgeBaseSizeHandler(KnowledgeDbContext db) : IRequestHandler<GetKnowledgeBaseSize, KnowledgeBaseSize>
{
    public async Task<KnowledgeBaseSize> Handle(GetKnowledgeBaseSize request, CancellationToken cancellationToken)
    {
        // The shared knowledge base: clinicians' patient documents are theirs alone.
        var shared = db.Documents.Where(d => d.OwnerId == null);
        var documents = await shared.CountAsync(cancellationToken);
        var characters = documents == 0 ? 0 : await shared.SumAsync(d => (long)d.Text.Length, cancellationToken);
        return new KnowledgeBaseSize(documents, characters);
    }
}
