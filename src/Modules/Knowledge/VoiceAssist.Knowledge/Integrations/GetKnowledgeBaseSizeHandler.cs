using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Integrations;

internal sealed class GetKnowledgeBaseSizeHandler(KnowledgeDbContext db) : IRequestHandler<GetKnowledgeBaseSize, KnowledgeBaseSize>
{
    public async Task<KnowledgeBaseSize> Handle(GetKnowledgeBaseSize request, CancellationToken cancellationToken)
    {
        var documents = await db.Documents.CountAsync(cancellationToken);
        var characters = documents == 0 ? 0 : await db.Documents.SumAsync(d => (long)d.Text.Length, cancellationToken);
        return new KnowledgeBaseSize(documents, characters);
    }
}
