namespace VoiceAssist.Compliance.Retention;

/// <summary>Suspends the retention purge for everything about one user or one resource until released.</summary>
internal sealed class LegalHold
{
    public Guid Id { get; set; }

    /// <summary><see cref="LegalHoldSubjects.User"/> or <see cref="LegalHoldSubjects.Resource"/>.</summary>
    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }
    public required string Reason { get; set; }
    public string? PlacedBy { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
}

internal static class LegalHoldSubjects
{
    public const string User = "user";
    public const string Resource = "resource";
}

/// <summary>How long each kind of record is kept. Defaults: conversations 90 days; audit entries 6 years, the HIPAA
/// documentation retention period (45 CFR 164.316(b)(2)(i)).</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Compliance:Retention";

    public bool Enabled { get; set; } = true;

    public TimeSpan Conversations { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan AuditEntries { get; set; } = TimeSpan.FromDays(6 * 365 + 2);

    /// <summary>Time between two scheduled purges.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Time from start-up to the first scheduled purge.</summary>
    public TimeSpan FirstPurgeDelay { get; set; } = TimeSpan.FromMinutes(5);
}
