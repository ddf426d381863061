using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.GetDocument;

/// <summary>One document. A patient document is found only by its owner: for anyone else, administrators included,
/// it does not exist. Audited, since a patient document's title and file name are patient information.</summary>
[TouchesPhi]
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
    /// <summary>True for a patient document (flagged as containing patient information at upload; only its owner sees it).</summary>
    public bool ContainsPhi { get; init; }

    /// <summary>Pages read by OCR (scans), each with Tesseract's mean word confidence 0-100; empty when every page had text.</summary>
    public IReadOnlyList<OcrPageConfidence> OcrPages { get; init; } = [];
}

internal sealed record OcrPageConfidence(int Page, int Confidence, int Characters);

internal sealed class GetDocumentHandler(KnowledgeDbContext db, ICurrentUser user) : IRequestHandler<GetDocument, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        var owner = await PatientDocumentAccess.Readable(db, user, request.Id, cancellationToken);
        var details = await db.Documents.AsNoTracking()
            .Where(d => d.Id == request.Id)
            .Select(d => new DocumentDetails(d.Id, d.ExternalId, d.Title, d.Publisher, d.PublishedOn, d.Version, d.Url, d.Licence, d.Tags,
                d.SourceType, d.FileName, d.Status, d.StatusDetail, d.FailureReason, d.PageCount, d.ChunkCount, d.Text.Length, d.IngestedAt, d.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", request.Id);
        if (owner is not null)
        {
            var content = await db.PatientDocumentContents.AsNoTracking().SingleAsync(c => c.DocumentId == request.Id, cancellationToken);
            details = details with { Title = content.Title, FileName = content.FileName, CharacterCount = content.Text.Length, ContainsPhi = true };
        }

        var ocrPages = await db.Database
            .SqlQuery<OcrPageConfidence>($"SELECT page AS \"Page\", confidence AS \"Confidence\", characters AS \"Characters\" FROM knowledge.ocr_pages WHERE document_id = {request.Id} ORDER BY page")
            .ToListAsync(cancellationToken);
        return details with { OcrPages = ocrPages };
    }
}

/// <summary>Who may see a patient document: its owner, nobody else.</summary>
internal static class PatientDocumentAccess
{
    /// <summary>The owner when the document is a patient document the caller owns; null for a shared document.
    /// Throws <see cref="NotFoundException"/> for a missing document and for another user's patient document, so
    /// its existence does not leak.</summary>
    public static async Task<Guid?> Readable(KnowledgeDbContext db, ICurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.OwnerId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", id);
        if (document.OwnerId is { } owner && owner != user.UserId)
        {
            throw new NotFoundException("Document", id);
        }

        return document.OwnerId;
    }
}
