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

/// <summary>A watched guideline URL (migrations 0005, 0007): what the administrator set (name, URL, publisher, interval)
/// and what the poller last saw there (validators, content hash, when it checked and when it changed).</summary>
internal sealed class GuidelineSourceState
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public required string Name { get; set; }

    public string? Publisher { get; set; }

    public string? Licence { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Null: the configured <c>Knowledge:Guidelines:PollInterval</c>.</summary>
    public TimeSpan? PollInterval { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public string? ContentHash { get; set; }

    public Guid? DocumentId { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    public DateTimeOffset? LastChangedAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>A URL that configuration has seeded into the guideline sources once (migration 0007).</summary>
internal sealed class GuidelineSeededUrl
{
    public required string Url { get; init; }
}
