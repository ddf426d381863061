namespace VoiceAssist.Knowledge.Documents;

internal sealed class Document
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string? Publisher { get; set; }

    /// <summary>The extracted full text; empty until the document has been processed.</summary>
    public required string Text { get; set; }
    public DateTimeOffset IngestedAt { get; set; }

    /// <summary>The identity the document has in its source (a PMID, a guideline number); unique when present.</summary>
    public string? ExternalId { get; set; }
    public string SourceType { get; set; } = SourceTypes.Text;
    public string? FileName { get; set; }
    public string ContentHash { get; set; } = "";
    public DateOnly? PublishedOn { get; set; }
    public string? Version { get; set; }
    public string? Url { get; set; }
    public string? Licence { get; set; }
    public List<string> Tags { get; set; } = [];
    public string Status { get; set; } = DocumentStatus.Queued;
    public string? StatusDetail { get; set; }
    public string? FailureReason { get; set; }
    public int? PageCount { get; set; }
    public int ChunkCount { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Bumped whenever the document's searchable content (chunks or their vectors) changes, so every
    /// replica's in-memory index reloads exactly the documents that changed.</summary>
    public long IndexRevision { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Set only for a patient document (an upload flagged as containing patient information): the clinician
    /// who uploaded it, the only user who may read it. Its words are in <see cref="PatientDocumentContent"/> and
    /// <see cref="PatientChunk"/>, encrypted; this row holds a placeholder title and no text.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>The account that added (or last replaced) the document, when a signed-in user did; its ingestion is
    /// attributed to them in the audit trail even when the worker finishes it later.</summary>
    public Guid? AddedBy { get; set; }
}

/// <summary>The words of a patient document, each encrypted in the application (see <see cref="PatientDocuments"/>).</summary>
internal sealed class PatientDocumentContent
{
    public Guid DocumentId { get; set; }
    public required string Title { get; set; }
    public string? FileName { get; set; }
    public required string Text { get; set; }

    /// <summary>The uploaded file as base64, until the ingestion worker has extracted it.</summary>
    public string? Source { get; set; }
}

/// <summary>A passage of a patient document with its lexemes (<see cref="PatientDocuments.FormatTerms"/>), encrypted.</summary>
internal sealed class PatientChunk
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    public int? Page { get; set; }
    public string? Section { get; set; }
    public required string Text { get; set; }
    public required string Terms { get; set; }
}

internal sealed class DocumentSource
{
    public Guid DocumentId { get; set; }
    public required string MediaType { get; set; }
    public required byte[] Content { get; set; }
}

internal sealed class Chunk
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    public int? Page { get; set; }
    public string? Section { get; set; }
    public required string Text { get; set; }
    public int TokenCount { get; set; }
    public required NpgsqlTypes.NpgsqlTsVector Tsv { get; set; }
    public float[]? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }
}

internal static class DocumentStatus
{
    public const string Queued = "queued";
    public const string Extracting = "extracting";
    public const string Embedding = "embedding";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

internal static class SourceTypes
{
    public const string Pdf = "pdf";
    public const string Html = "html";
    public const string Markdown = "markdown";
    public const string Text = "text";

    /// <summary>A scanned page as PNG, JPEG or TIFF, read by OCR.</summary>
    public const string Image = "image";
}
