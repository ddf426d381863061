using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents.GetDocument;

namespace VoiceAssist.Knowledge.Documents.GetDocumentText;

/// <summary>The text extracted from a document (empty until it has been processed). A patient document's text is
/// read only by its owner (anyone else gets 404) and every read is audited.</summary>
[TouchesPhi]
internal sealed record GetDocumentText(Guid Id) : IQuery<DocumentText>;

internal sealed record DocumentText(Guid Id, string Title, string Text);

internal sealed class GetDocumentTextHandler(KnowledgeDbContext db, ICurrentUser user) : IRequestHandler<GetDocumentText, DocumentText>
{
    public async Task<DocumentText> Handle(GetDocumentText request, CancellationToken cancellationToken)
    {
        if (await PatientDocumentAccess.Readable(db, user, request.Id, cancellationToken) is not null)
        {
            var content = await db.PatientDocumentContents.AsNoTracking().SingleAsync(c => c.DocumentId == request.Id, cancellationToken);
            return new DocumentText(request.Id, content.Title, content.Text);
        }

        return await db.Documents.AsNoTracking().Where(d => d.Id == request.Id).Select(d => new DocumentText(d.Id, d.Title, d.Text)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", request.Id);
    }
}

internal static class GetDocumentTextEndpoint
{
    public static void Map(RouteGroupBuilder documents) =>
        documents.MapGet("/{id:guid}/text", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetDocumentText(id), ct))
            .WithName(nameof(GetDocumentText))
            .ProducesProblem(StatusCodes.Status404NotFound);
}
