using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.GetDocument;

internal sealed class GetKnowledgeDocumentValidator : AbstractValidator<GetKnowledgeDocument>
{
    public GetKnowledgeDocumentValidator()
    {
        RuleFor(g => g.TextOffset).GreaterThanOrEqualTo(0);
        RuleFor(g => g.TextLength).InclusiveBetween(1, 100_000);
    }
}

/// <summary>The console's view of a document: the same reads as <c>GET /documents/{id}</c> and <c>/text</c> (so the
/// same owner-only rule for patient documents and the same audit), then a window of the text.</summary>
internal sealed class GetKnowledgeDocumentHandler(ISender sender, KnowledgeDbContext db, KnowledgeChanges changes) : IRequestHandler<GetKnowledgeDocument, KnowledgeDocumentDetail>
{
    public async Task<KnowledgeDocumentDetail> Handle(GetKnowledgeDocument request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var details = await sender.Send(new GetDocument(request.Id), cancellationToken);
        if (details.ContainsPhi)
        {
            // The console shows shared reference material only; a patient document's words stay with its owner.
            throw new NotFoundException("Document", request.Id);
        }

        var text = (await sender.Send(new GetDocumentText.GetDocumentText(request.Id), cancellationToken)).Text;
        var embedded = await db.Chunks.CountAsync(c => c.DocumentId == request.Id && c.Embedding != null, cancellationToken);
        var offset = Math.Min(request.TextOffset, text.Length);
        var length = Math.Min(request.TextLength, text.Length - offset);
        var row = new KnowledgeDocumentRow(details.Id, details.Title, details.FileName, details.SourceType, details.Publisher, details.ExternalId, details.Status,
            details.StatusDetail, details.FailureReason, details.PageCount, details.ChunkCount, embedded, null, details.IngestedAt, details.UpdatedAt);
        return new KnowledgeDocumentDetail(row, details.Version, details.Url, details.Licence, details.PublishedOn, details.Tags,
            details.OcrPages.Select(p => new KnowledgeOcrPage(p.Page, p.Confidence, p.Characters)).ToList(),
            text.Substring(offset, length), offset, text.Length, offset + length < text.Length ? offset + length : null);
    }
}
