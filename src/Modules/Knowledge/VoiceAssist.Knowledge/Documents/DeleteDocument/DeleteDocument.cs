using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Documents.DeleteDocument;

/// <summary>Removes a document everywhere: its row, its uploaded source, its passages and their vectors (all by
/// cascade in one transaction), and, from the next search on, every replica's in-memory index. Shared documents are
/// removed by administrators; a patient document by its owner or an administrator (who never reads its words), and
/// for anyone else it does not exist. Audited.</summary>
[TouchesPhi]
internal sealed record DeleteDocument(Guid Id, string? Reason = null) : ICommand<Unit>;

internal sealed class DeleteDocumentHandler(KnowledgeDbContext db, TimeProvider time, SearchIndex index, ICurrentUser user, KnowledgeChanges changes)
    : IRequestHandler<DeleteDocument, Unit>
{
    public async Task<Unit> Handle(DeleteDocument request, CancellationToken cancellationToken)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Document", request.Id);
        var administrator = await changes.IsAdministrator();
        if (document.OwnerId is { } owner && owner != user.UserId && !administrator)
        {
            throw new NotFoundException("Document", request.Id);
        }

        if (document.OwnerId is null && !administrator)
        {
            throw new ForbiddenException("Only an administrator removes a shared document.");
        }

        db.Documents.Remove(document);
        if (document.OwnerId is null || document.OwnerId != user.UserId)
        {
            // A patient document removed by an administrator is described by id, owner and status only.
            changes.Record(db, KnowledgeChanges.DocumentDeleted, "document", document.Id.ToString(), request.Reason,
                document.OwnerId is { } ownerId
                    ? new { OwnerId = ownerId, document.Status, document.ChunkCount }
                    : new { document.Title, document.ExternalId, document.FileName, document.Status, document.ChunkCount },
                null);
        }

        db.AddIntegrationEvent(new DocumentDeleted(Guid.CreateVersion7(), time.GetUtcNow(), document.Id, document.Title));
        await db.SaveChangesAsync(cancellationToken);
        index.MarkStale();
        return Unit.Value;
    }
}

/// <summary>The console's delete: the same handler, administrators only, with the reason they gave.</summary>
internal sealed class DeleteKnowledgeDocumentHandler(ISender sender, KnowledgeChanges changes) : IRequestHandler<Contracts.Administration.DeleteKnowledgeDocument, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.DeleteKnowledgeDocument request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        return await sender.Send(new DeleteDocument(request.Id, request.Reason), cancellationToken);
    }
}

internal sealed class DeleteKnowledgeDocumentValidator : AbstractValidator<Contracts.Administration.DeleteKnowledgeDocument>
{
    public DeleteKnowledgeDocumentValidator() => RuleFor(d => d.Reason).MaximumLength(500);
}

internal static class DeleteDocumentEndpoint
{
    public static void Map(RouteGroupBuilder documents) =>
        documents.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteDocument(id), ct);
            return Results.NoContent();
        })
        .WithName(nameof(DeleteDocument))
        .ProducesProblem(StatusCodes.Status404NotFound);
}
