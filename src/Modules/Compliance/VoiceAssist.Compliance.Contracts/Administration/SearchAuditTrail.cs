using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts.Administration;

/// <summary>Audit entries matching <see cref="Filter"/>, newest first, one page at a time by keyset: pass a page's
/// <see cref="AuditPage.Older"/> as <see cref="After"/> to read on, or its <see cref="AuditPage.Newer"/> as
/// <see cref="Before"/> to go back (at most one of the two). Administrators and auditors only; the search is itself
/// recorded in the trail with its filters.</summary>
public sealed record SearchAuditTrail(AuditFilter Filter, string? After = null, string? Before = null, int PageSize = 50) : IQuery<AuditPage>
{
    public const int MaxPageSize = 500;
}

/// <summary>A page of entries, newest first. <see cref="Older"/> and <see cref="Newer"/> are the cursors of the
/// neighbouring pages (null at either end). <see cref="Total"/> counts every matching entry exactly up to
/// <see cref="CountLimit"/>; beyond it <see cref="TotalIsLowerBound"/> is true and the count stops there, so a
/// page over millions of entries costs the same as one over thousands.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntrySummary> Entries, string? Older, string? Newer, int Total, bool TotalIsLowerBound)
{
    public const int CountLimit = 10_000;
}
