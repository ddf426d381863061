using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

/// <summary>Audit entries newest first, filtered by action, resource and time range, one page at a time.</summary>
internal sealed record SearchAuditTrail(string? Action, string? ResourceId, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 50)
    : IQuery<AuditPage>;

internal sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditEntryView> Entries);

internal sealed record AuditEntryView(long Id, DateTimeOffset OccurredAt, string Action, string ResourceType, string ResourceId, string? ActorId);

internal sealed class SearchAuditTrailValidator : AbstractValidator<SearchAuditTrail>
{
    public SearchAuditTrailValidator()
    {
        RuleFor(s => s.Page).GreaterThanOrEqualTo(1);
        RuleFor(s => s.PageSize).InclusiveBetween(1, 500);
        RuleFor(s => s.To).GreaterThanOrEqualTo(s => s.From).When(s => s.From is not null && s.To is not null)
            .WithMessage("'To' must not be before 'From'.");
    }
}

internal sealed class SearchAuditTrailHandler(ComplianceDbContext db) : IRequestHandler<SearchAuditTrail, AuditPage>
{
    public async Task<AuditPage> Handle(SearchAuditTrail request, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Action))
        {
            entries = entries.Where(e => e.Action == request.Action);
        }

        if (!string.IsNullOrWhiteSpace(request.ResourceId))
        {
            entries = entries.Where(e => e.ResourceId == request.ResourceId);
        }

        if (request.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (request.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt <= to);
        }

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(e => new AuditEntryView(e.Id, e.OccurredAt, e.Action, e.ResourceType, e.ResourceId, e.ActorId))
            .ToListAsync(cancellationToken);
        return new AuditPage(request.Page, request.PageSize, total, page);
    }
}
