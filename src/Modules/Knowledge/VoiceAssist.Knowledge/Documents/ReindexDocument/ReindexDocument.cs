using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Documents.ReindexDocument;

internal sealed class ReindexDocumentValidator : AbstractValidator<ReindexKnowledgeDocument>
{
    public ReindexDocumentValidator() => RuleFor(r => r.Reason).MaximumLength(500);
}

internal sealed class ReindexKnowledgeBaseValidator : AbstractValidator<ReindexKnowledgeBase>
{
    public ReindexKnowledgeBaseValidator() => RuleFor(r => r.Reason).MaximumLength(500);
}

/// <summary>Rebuilds a shared document's index entries from its stored passages: each passage's tsvector is computed
/// again exactly as <see cref="ChunkStore"/> first computed it, its embedding (and pgvector row) is dropped so the
/// embedding worker makes it again, and the document's revision moves so every replica reloads it. The extracted
/// text is kept (the uploaded file is not stored once extracted). A failed document whose file is still stored is
/// queued again instead, so re-indexing it retries its processing.</summary>
internal sealed class ReindexDocumentHandler(KnowledgeDbContext db, KnowledgeChanges changes, DocumentReindexer reindexer)
    : IRequestHandler<ReindexKnowledgeDocument, KnowledgeReindexResult>
{
    public async Task<KnowledgeReindexResult> Handle(ReindexKnowledgeDocument request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == request.Id && d.OwnerId == null)
            .Select(d => new { d.Status, d.ChunkCount, HasSource = db.DocumentSources.Any(s => s.DocumentId == d.Id) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", request.Id);
        KnowledgeReindexResult result;
        if (document.Status == DocumentStatus.Failed && document.HasSource)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE knowledge.documents SET status = {DocumentStatus.Queued}, status_detail = 'queued again', failure_reason = NULL, attempts = 0,
                    lease_until = NULL, updated_at = now() WHERE id = {request.Id}
                """, cancellationToken);
            result = new KnowledgeReindexResult(1, 0);
        }
        else if (document.Status is DocumentStatus.Ready or DocumentStatus.Embedding)
        {
            result = await reindexer.Reindex(db, request.Id, cancellationToken);
        }
        else
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("id",
                document.Status == DocumentStatus.Failed
                    ? "The document failed and its file is no longer stored; upload it again."
                    : "The document is still being processed; it is indexed when that finishes.")]);
        }

        changes.Record(db, KnowledgeChanges.DocumentReindexed, "document", request.Id.ToString(), request.Reason,
            new { document.Status, document.ChunkCount }, new { result.Documents, result.Passages });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

internal sealed class ReindexKnowledgeBaseHandler(KnowledgeDbContext db, KnowledgeChanges changes, DocumentReindexer reindexer)
    : IRequestHandler<ReindexKnowledgeBase, KnowledgeReindexResult>
{
    public async Task<KnowledgeReindexResult> Handle(ReindexKnowledgeBase request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var result = await reindexer.Reindex(db, null, cancellationToken);
        changes.Record(db, KnowledgeChanges.KnowledgeBaseReindexed, "knowledge_base", "all", request.Reason, null, new { result.Documents, result.Passages });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

/// <summary>The set-based re-index of one document or of every ready or embedding shared document, inside the
/// command's transaction: three statements whatever the number of documents.</summary>
internal sealed class DocumentReindexer(EmbeddingAvailability embeddings, SearchIndex index)
{
    public async Task<KnowledgeReindexResult> Reindex(KnowledgeDbContext db, Guid? documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (connection, transaction) = TextIngestion.Connection(db);
        var which = documentId is null
            ? $"d.owner_id IS NULL AND d.status IN ('{DocumentStatus.Ready}', '{DocumentStatus.Embedding}')"
            : "d.id = @id";
        long passages;
        await using (var chunks = new NpgsqlCommand($"""
            UPDATE knowledge.chunks c SET embedding = NULL, embedding_model = NULL,
                tsv = setweight(to_tsvector('english', knowledge.lexical_text(d.title || ' ' || coalesce(c.section, ''))), 'A') || to_tsvector('english', knowledge.lexical_text(c.text))
            FROM knowledge.documents d WHERE c.document_id = d.id AND {which}
            """, connection, transaction))
        {
            Parameter(chunks, documentId);
            passages = await chunks.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var vectors = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF to_regclass('knowledge.chunk_vectors') IS NOT NULL THEN
                    DELETE FROM knowledge.chunk_vectors v USING knowledge.chunks c WHERE v.chunk_id = c.id AND c.embedding IS NULL;
                END IF;
            END $$;
            """, connection, transaction))
        {
            await vectors.ExecuteNonQueryAsync(cancellationToken);
        }

        var embed = embeddings.Enabled;
        int documents;
        await using (var update = new NpgsqlCommand($"""
            UPDATE knowledge.documents d SET index_revision = d.index_revision + 1, updated_at = now(),
                status = CASE WHEN @embed AND d.chunk_count > 0 THEN '{DocumentStatus.Embedding}' ELSE '{DocumentStatus.Ready}' END,
                status_detail = CASE WHEN @embed AND d.chunk_count > 0 THEN 'embedding: 0 of ' || d.chunk_count || ' passages' ELSE NULL END
            WHERE {which}
            """, connection, transaction))
        {
            Parameter(update, documentId);
            update.Parameters.AddWithValue("embed", embed);
            documents = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        index.MarkStale();
        return new KnowledgeReindexResult(documents, passages);
    }

    private static void Parameter(NpgsqlCommand command, Guid? documentId)
    {
        if (documentId is { } id)
        {
            command.Parameters.AddWithValue("id", id);
        }
    }
}
