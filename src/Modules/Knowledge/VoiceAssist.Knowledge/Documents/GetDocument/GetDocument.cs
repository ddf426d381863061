using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.GetDocument;

internal sealed record GetDocument(Guid Id) : IQuery<DocumentDetails>;

/// <summary>A document and how far its processing has got. Status: queued, extracting, embedding (searchable by
/// keyword, vectors pending), ready or failed; StatusDetail says the progress in words ("extracting page 11 of 40"),
/// FailureReason why a failed document could not be read, in words a person can act on.</summary>
internal sealed record DocumentDetails(
    Guid Id,
    string? ExternalId,
    string Title,
    string? Publisher,
    DateOnly? PublishedOn,
    string? Version,
    string? Url,
    string? Licence,
    IReadOnlyList<string> Tags,
    string SourceType,
    string? FileName,
    string Status,
    string? StatusDetail,
    string? FailureReason,
    int? PageCount,
    int ChunkCount,
    int CharacterCount,
    DateTimeOffset IngestedAt,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>Pages read by OCR (scans), each with Tesseract's mean word confidence 0-100; empty when every page had text.</summary>
    public IReadOnlyList<OcrPageConfidence> OcrPages { get; init; } = [];
}

internal sealed record OcrPageConfidence(int Page, int Confidence, int Characters);

internal sealed class GetDocumentHandler(KnowledgeDbContext db) : IRequestHandler<GetDocument, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        var details = await db.Documents.AsNoTracking()
            .Where(d => d.Id == request.Id)
            .Select(d => new DocumentDetails(d.Id, d.ExternalId, d.Title, d.Publisher, d.PublishedOn, d.Version, d.Url, d.Licence, d.Tags,
                d.SourceType, d.FileName, d.Status, d.StatusDetail, d.FailureReason, d.PageCount, d.ChunkCount, d.Text.Length, d.IngestedAt, d.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", request.Id);
        var ocrPages = await db.Database
            .SqlQuery<OcrPageConfidence>($"SELECT page AS \"Page\", confidence AS \"Confidence\", characters AS \"Characters\" FROM knowledge.ocr_pages WHERE document_id = {request.Id} ORDER BY page")
            .ToListAsync(cancellationToken);
        return details with { OcrPages = ocrPages };
    }
}
