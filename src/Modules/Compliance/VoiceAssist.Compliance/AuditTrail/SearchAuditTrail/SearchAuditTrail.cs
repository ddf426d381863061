using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

/// <summary>Audit entries newest first, filtered by action, user, resource and time range, one page at a time. The
/// search is itself recorded in the trail, with its filters.</summary>
internal sealed record SearchAuditTrail(AuditFilter Filter, int Page = 1, int PageSize = 50) : IQuery<AuditPage>;

/// <summary>What the auditor asked for; every filter is optional and they combine with AND.</summary>
internal sealed record AuditFilter(string? Action = null, string? ActorId = null, string? ResourceType = null, string? ResourceId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (!string.IsNullOrWhiteSpace(Action))
        {
            entries = entries.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(ActorId))
        {
            entries = entries.Where(e => e.ActorId == ActorId);
        }

        if (!string.IsNullOrWhiteSpace(ResourceType))
        {
            entries = entries.Where(e => e.ResourceType == ResourceType);
        }

        if (!string.IsNullOrWhiteSpace(ResourceId))
        {
            entries = entries.Where(e => e.ResourceId == ResourceId);
        }

        if (From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt <= to);
        }

        return entries;
    }

    /// <summary>The filters as recorded in the audit entry of a search or export, e.g. <c>actor=…;from=…</c>.</summary>
    public string Describe() => string.Join(';', new (string Name, string? Value)[]
        {
            ("action", Action), ("actor", ActorId), ("resourceType", ResourceType), ("resource", ResourceId),
            ("from", From?.ToString("O", CultureInfo.InvariantCulture)), ("to", To?.ToString("O", CultureInfo.InvariantCulture)),
        }
        .Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Name}={f.Value}")) is { Length: > 0 } described ? described : "all";
}

internal sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditEntryView> Entries);

internal sealed record AuditEntryView(
    long Id,
    long ChainSequence,
    DateTimeOffset OccurredAt,
    string Action,
    string ResourceType,
    string ResourceId,
    string? ActorId,
    string? ActorRole,
    string? Outcome,
    string? CorrelationId,
    string? ClientIp,
    string? Reason);

internal sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator() =>
        RuleFor(f => f.To).GreaterThanOrEqualTo(f => f.From).When(f => f.From is not null && f.To is not null)
            .WithMessage("'To' must not be before 'From'.");
}

internal sealed class SearchAuditTrailValidator : AbstractValidator<SearchAuditTrail>
{
    public SearchAuditTrailValidator()
    {
        RuleFor(s => s.Page).GreaterThanOrEqualTo(1);
        RuleFor(s => s.PageSize).InclusiveBetween(1, 500);
        RuleFor(s => s.Filter).SetValidator(new AuditFilterValidator());
    }
}

internal sealed class SearchAuditTrailHandler(ComplianceDbContext db, AuditRecorder recorder) : IRequestHandler<SearchAuditTrail, AuditPage>
{
    public async Task<AuditPage> Handle(SearchAuditTrail request, CancellationToken cancellationToken)
    {
        var entries = request.Filter.Apply(db.AuditEntries.AsNoTracking());
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(AuditViews.Project)
            .ToListAsync(cancellationToken);
        await recorder.Record(AuditActions.AuditSearched, "audit_trail", request.Filter.Describe(), cancellationToken: cancellationToken);
        return new AuditPage(request.Page, request.PageSize, total, page);
    }
}

internal static class AuditViews
{
    public static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditEntryView>> Project = e =>
        new AuditEntryView(e.Id, e.ChainSequence, e.OccurredAt, e.Action, e.ResourceType, e.ResourceId, e.ActorId, e.ActorRole, e.Outcome,
            e.CorrelationId, e.ClientIp, e.Reason);
}
