using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts.Administration;

/// <summary>The knowledge base's documents for the console, newest first, one page at a time (keyset paging: pass the
/// previous page's <see cref="KnowledgeDocumentPage.NextCursor"/> as <c>After</c>). Shared documents by
/// default; <see cref="KnowledgeDocumentKinds.Patient"/> lists patient documents by id, owner and status only, never a
/// title or anything else of their words. Administrators only.</summary>
/// <remarks><c>Status</c>: queued, extracting, embedding, ready or failed.</remarks>
/// <remarks><c>SourceType</c>: pdf, image, html, markdown or text.</remarks>
/// <remarks><c>Search</c>: Words the title contains (case-insensitive); shared documents only.</remarks>
/// <remarks><c>Kind</c>: <see cref="KnowledgeDocumentKinds.Shared"/> (default) or <see cref="KnowledgeDocumentKinds.Patient"/>.</remarks>
/// <remarks><c>After</c>: The cursor of the previous page; null for the first.</remarks>
/// <remarks><c>PageSize</c>: 1-200.</remarks>
public sealed record ListKnowledgeDocuments(
    string? Status = null,
    string? SourceType = null,
    string? Search = null,
    string Kind = KnowledgeDocumentKinds.Shared,
    string? After = null,
    int PageSize = 50) : IQuery<KnowledgeDocumentPage>;

public static class KnowledgeDocumentKinds
{
    public const string Shared = "shared";
    public const string Patient = "patient";
}

/// <remarks><c>Total</c>: How many documents match the filters; counted exactly up to 10,000, beyond which
/// <c>TotalIsAtLeast</c> is true and the figure is that bound.</remarks>
/// <remarks><c>NextCursor</c>: Pass as <c>After</c> for the next page; null on the last page.</remarks>
public sealed record KnowledgeDocumentPage(IReadOnlyList<KnowledgeDocumentRow> Documents, int Total, bool TotalIsAtLeast, string? NextCursor);

/// <summary>One document as the console lists it. For a patient document <c>Title</c>,
/// <c>FileName</c>, <c>Publisher</c> and <c>ExternalId</c> are null and
/// <c>OwnerId</c> is set.</summary>
/// <remarks><c>StatusDetail</c>: Progress in words while it is processed ("OCR (page 3 of 12)", "embedding: 3 of 9 passages").</remarks>
/// <remarks><c>PassagesEmbedded</c>: Passages that have their vector; <c>ChunkCount</c> minus this are waiting.</remarks>
public sealed record KnowledgeDocumentRow(
    Guid Id,
    string? Title,
    string? FileName,
    string SourceType,
    string? Publisher,
    string? ExternalId,
    string Status,
    string? StatusDetail,
    string? FailureReason,
    int? PageCount,
    int ChunkCount,
    int PassagesEmbedded,
    Guid? OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>A shared document with a window of its extracted text and, for pages read by OCR, Tesseract's mean word
/// confidence. A patient document is not found (only its owner reads it).</summary>
/// <remarks><c>TextOffset</c>: The first character of the window.</remarks>
/// <remarks><c>TextLength</c>: How many characters at most (1-100,000).</remarks>
public sealed record GetKnowledgeDocument(Guid Id, int TextOffset = 0, int TextLength = 20_000) : IQuery<KnowledgeDocumentDetail>;

/// <remarks><c>Text</c>: The extracted text from <c>TextOffset</c>, at most the length asked for.</remarks>
/// <remarks><c>TextTotalLength</c>: The length of the whole extracted text.</remarks>
/// <remarks><c>NextTextOffset</c>: Where the next window starts; null when this one reaches the end.</remarks>
public sealed record KnowledgeDocumentDetail(
    KnowledgeDocumentRow Document,
    string? Version,
    string? Url,
    string? Licence,
    DateOnly? PublishedOn,
    IReadOnlyList<string> Tags,
    IReadOnlyList<KnowledgeOcrPage> OcrPages,
    string Text,
    int TextOffset,
    int TextTotalLength,
    int? NextTextOffset);

/// <summary>A page read by OCR: Tesseract's mean word confidence 0-100 and how many characters it gave.</summary>
public sealed record KnowledgeOcrPage(int Page, int Confidence, int Characters);

/// <summary>Adds a shared document from an uploaded file, exactly as <c>POST /api/knowledge/documents</c> does (same
/// checks, same queue): processed in the background, its progress on the document. Administrators only; audited.</summary>
/// <remarks><c>FileName</c>: The file's name; its extension says how it is read.</remarks>
public sealed record UploadKnowledgeDocument(string FileName, byte[] Content, string? Title = null, DocumentMetadata? Metadata = null) : ICommand<KnowledgeDocumentAccepted>;

/// <summary>Imports JSON lines <c>{"id","title","text"}</c> (optional publisher, publishedOn, url, licence, tags) exactly
/// as <c>POST /api/knowledge/documents/import</c> does: every good line is keyword-searchable when this returns, a bad
/// line is reported by number and does not stop the others. Administrators only; audited per batch. Neither a command nor
/// a query: each batch of lines commits in its own transaction, so the whole import is not wrapped in one.</summary>
public sealed record ImportKnowledgeDocuments(Stream JsonLines) : IRequest<KnowledgeImportSummary>;

public sealed record KnowledgeImportSummary(int Received, int Created, int Replaced, int Unchanged, int Rejected, IReadOnlyList<KnowledgeImportLineError> Errors);

public sealed record KnowledgeImportLineError(int Line, string Error);

/// <summary>Rebuilds one shared document's index entries: its passages' keyword vectors are recomputed and their
/// embeddings dropped, so the embedding worker makes them again; a failed upload whose file is still stored is queued
/// for processing again. Administrators only; audited.</summary>
public sealed record ReindexKnowledgeDocument(Guid Id, string? Reason = null) : ICommand<KnowledgeReindexResult>;

/// <summary><see cref="ReindexKnowledgeDocument"/> for every shared document that is ready or embedding.</summary>
public sealed record ReindexKnowledgeBase(string? Reason = null) : ICommand<KnowledgeReindexResult>;

/// <remarks><c>Documents</c>: Documents re-indexed (or re-queued).</remarks>
/// <remarks><c>Passages</c>: Passages whose index entries were rebuilt.</remarks>
public sealed record KnowledgeReindexResult(int Documents, long Passages);

/// <summary>Removes a document, its stored file, passages and vectors, as <c>DELETE /api/knowledge/documents/{id}</c>
/// does. Administrators only; audited with the reason.</summary>
public sealed record DeleteKnowledgeDocument(Guid Id, string? Reason = null) : ICommand<Unit>;

/// <summary>Documents by status and how far embedding has got.</summary>
public sealed record GetKnowledgeBaseStatus : IQuery<KnowledgeBaseStatus>;

/// <remarks><c>Documents</c>: Shared documents (patient documents are counted apart).</remarks>
/// <remarks><c>PassagesWithVectors</c>: Passages embedded by the configured model (after a change of model, the
/// re-embedding's progress).</remarks>
/// <remarks><c>PassagesWaitingForVectors</c>: Passages of shared documents still waiting for their embedding.</remarks>
/// <remarks><c>EmbeddingEnabled</c>: False when no embedder runs (keyword search only); nothing then waits.</remarks>
public sealed record KnowledgeBaseStatus(int Documents, IReadOnlyDictionary<string, int> DocumentsByStatus, long Passages, long PassagesWithVectors)
{
    public long PassagesWaitingForVectors { get; init; }

    public bool EmbeddingEnabled { get; init; }

    /// <summary>The model vectors are made with now; null when search is keyword-only.</summary>
    public string? EmbeddingModel { get; init; }

    public int PatientDocuments { get; init; }
}
