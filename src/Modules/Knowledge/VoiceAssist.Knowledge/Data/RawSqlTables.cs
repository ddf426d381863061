namespace VoiceAssist.Knowledge.Data;

/// <summary>The single row whose version moves whenever searchable content changes (migration 0003); the search
/// index reads it with SQL to tell in one small read whether it must refresh.</summary>
internal sealed class IndexState
{
    public int Id { get; init; }

    public long Version { get; init; }
}

/// <summary>A page of a document read by OCR, with Tesseract's mean word confidence (0-100) (migration 0004).</summary>
internal sealed class OcrPage
{
    public Guid DocumentId { get; init; }

    public int Page { get; init; }

    public int Confidence { get; init; }

    public int Characters { get; init; }
}

/// <summary>What the guideline poller last saw at a watched URL (migration 0005).</summary>
internal sealed class GuidelineSourceState
{
    public required string Url { get; init; }

    public required string Name { get; init; }

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public string? ContentHash { get; init; }

    public Guid? DocumentId { get; init; }

    public DateTimeOffset? LastCheckedAt { get; init; }

    public DateTimeOffset? LastChangedAt { get; init; }

    public string? LastError { get; init; }
}
