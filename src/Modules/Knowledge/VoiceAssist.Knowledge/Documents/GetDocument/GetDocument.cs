using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.GetDocument;

internal sealed record GetDocument(Guid Id) : IQuery<DocumentDetails>;

internal sealed record DocumentDetails(Guid Id, string Title, string? Publisher, int CharacterCount, DateTimeOffset IngestedAt);

internal sealed class GetDocumentHandler(KnowledgeDbContext db) : IRequestHandler<GetDocument, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(GetDocument request, CancellationToken cancellationToken) =>
        await db.Documents.AsNoTracking()
            .Where(d => d.Id == request.Id)
            .Select(d => new DocumentDetails(d.Id, d.Title, d.Publisher, d.Text.Length, d.IngestedAt))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Document", request.Id);
}
