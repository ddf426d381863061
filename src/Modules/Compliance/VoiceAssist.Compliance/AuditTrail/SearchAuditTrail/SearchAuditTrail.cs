using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

internal sealed class SearchAuditTrailValidator : AbstractValidator<Contracts.Administration.SearchAuditTrail>
{
    public SearchAuditTrailValidator()
    {
        RuleFor(s => s.PageSize).InclusiveBetween(1, Contracts.Administration.SearchAuditTrail.MaxPageSize);
        RuleFor(s => s.Filter).NotNull().SetValidator(new AuditFilterValidator());
        RuleFor(s => s.After).Must(c => AuditCursor.TryParse(c, out _)).When(s => s.After is not null)
            .WithMessage("Not a page of this trail; start again from the first page.");
        RuleFor(s => s.Before).Must(c => AuditCursor.TryParse(c, out _)).When(s => s.Before is not null)
            .WithMessage("Not a page of this trail; start again from the first page.");
        RuleFor(s => s.Before).Null().When(s => s.After is not null).WithMessage("Give 'after' or 'before', not both.");
    }
}

/// <summary>Keyset paging over (occurred_at, id), newest first: a page is found by seeking the index to the cursor,
/// never by skipping rows, so the millionth entry is as quick to reach as the first.</summary>
internal sealed class SearchAuditTrailHandler(ComplianceDbContext db, AuditRecorder recorder, ICurrentUser user)
    : IRequestHandler<Contracts.Administration.SearchAuditTrail, AuditPage>
{
    public async Task<AuditPage> Handle(Contracts.Administration.SearchAuditTrail request, CancellationToken cancellationToken)
    {
        AuditReaders.Demand(user);
        var matching = db.AuditEntries.AsNoTracking().Apply(request.Filter);
        var take = request.PageSize + 1;
        List<AuditEntrySummary> rows;
        bool more;
        string? older, newer;
        if (request.Before is not null && AuditCursor.TryParse(request.Before, out var before))
        {
            rows = await matching.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(before.OccurredAt, before.Id)))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(take).Select(AuditFilters.Summary).ToListAsync(cancellationToken);
            more = rows.Count > request.PageSize;
            rows = [.. rows.Take(request.PageSize).Reverse()];
            newer = more ? AuditCursor.Of(rows[0]) : null;
            older = rows.Count > 0 ? AuditCursor.Of(rows[^1]) : null;
        }
        else
        {
            var page = matching;
            if (request.After is not null && AuditCursor.TryParse(request.After, out var after))
            {
                page = page.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(after.OccurredAt, after.Id)));
            }

            rows = await page.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take).Select(AuditFilters.Summary)
                .ToListAsync(cancellationToken);
            more = rows.Count > request.PageSize;
            rows = [.. rows.Take(request.PageSize)];
            older = more ? AuditCursor.Of(rows[^1]) : null;
            newer = request.After is not null && rows.Count > 0 ? AuditCursor.Of(rows[0]) : null;
        }

        // Counting stops at the limit: an exact count of a million entries would cost more than the page itself.
        var counted = await matching.Take(AuditPage.CountLimit + 1).CountAsync(cancellationToken);
        await recorder.Record(AuditActions.AuditSearched, "audit_trail", request.Filter.Describe(), cancellationToken: cancellationToken);
        return new AuditPage(rows, older, newer, Math.Min(counted, AuditPage.CountLimit), counted > AuditPage.CountLimit);
    }
}

/// <summary>A position in the newest-first order: the time and id of an entry, written <c>ticks-id</c>.</summary>
internal readonly record struct AuditCursor(DateTimeOffset OccurredAt, long Id)
{
    public static string Of(AuditEntrySummary entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.OccurredAt.UtcTicks}-{entry.Id}");

    public static bool TryParse(string? text, out AuditCursor cursor)
    {
        cursor = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
