using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts.Administration;

/// <summary>The guideline pages and PDFs the poller keeps current, with when each was last checked and last changed.</summary>
public sealed record ListGuidelineSources : IQuery<IReadOnlyList<GuidelineSourceView>>;

/// <remarks><c>PollInterval</c>: This source's own interval; null uses <c>Knowledge:Guidelines:PollInterval</c>.</remarks>
/// <remarks><c>EffectivePollInterval</c>: The interval the poller uses for it.</remarks>
/// <remarks><c>DocumentId</c>: The document its content became, once fetched.</remarks>
/// <remarks><c>LastError</c>: Why the last check failed; null when it succeeded.</remarks>
public sealed record GuidelineSourceView(
    Guid Id,
    string Name,
    string Url,
    string? Publisher,
    TimeSpan? PollInterval,
    TimeSpan EffectivePollInterval,
    Guid? DocumentId,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? LastChangedAt,
    string? LastError);

/// <summary>Watches a new guideline URL (absolute http or https, no user name or password in it). Administrators only; audited.</summary>
/// <remarks><c>PollInterval</c>: 5 minutes to 90 days; null uses the configured default.</remarks>
public sealed record AddGuidelineSource(string Name, string Url, TimeSpan? PollInterval = null, string? Publisher = null, string? Reason = null) : ICommand<GuidelineSourceView>;

/// <summary>Changes a watched source. A new URL is a new page: its validators and hash are forgotten, so the next check
/// fetches it. Administrators only; audited.</summary>
public sealed record UpdateGuidelineSource(Guid Id, string Name, string Url, TimeSpan? PollInterval = null, string? Publisher = null, string? Reason = null) : ICommand<GuidelineSourceView>;

/// <summary>Stops watching a source; the document its content became stays. Administrators only; audited.</summary>
public sealed record RemoveGuidelineSource(Guid Id, string? Reason = null) : ICommand<Unit>;
