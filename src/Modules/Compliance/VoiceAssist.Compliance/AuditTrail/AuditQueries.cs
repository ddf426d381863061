using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Compliance.AuditTrail;

/// <summary>The one translation of an <see cref="AuditFilter"/> into SQL, shared by search and export so both always
/// select the same entries. Each filter has an index that also orders by time (0007_audit_search_indexes.sql).</summary>
internal static class AuditFilters
{
    public static IQueryable<AuditEntry> Apply(this IQueryable<AuditEntry> entries, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // Compared byte by byte (collation "C"), as ix_audit_entries_action is built, so one index serves an exact
            // action and a prefix, and a prefix is the range [prefix, prefix + U+FFFF) whatever the database collation.
            var action = filter.Action.Trim();
            if (action.EndsWith(AuditFilter.PrefixWildcard))
            {
                var prefix = action[..^1];
                var end = prefix + char.MaxValue;
                entries = entries.Where(e => string.Compare(EF.Functions.Collate(e.Action, "C"), prefix) >= 0
                    && string.Compare(EF.Functions.Collate(e.Action, "C"), end) < 0 && e.Action.StartsWith(prefix));
            }
            else
            {
                entries = entries.Where(e => EF.Functions.Collate(e.Action, "C") == action);
            }
        }

        entries = Equal(entries, filter.ActorId, e => e.ActorId);
        entries = Equal(entries, filter.Outcome, e => e.Outcome);
        entries = Equal(entries, filter.CorrelationId, e => e.CorrelationId);
        entries = Equal(entries, filter.ResourceType, e => e.ResourceType);
        entries = Equal(entries, filter.ResourceId, e => e.ResourceId);
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt <= to);
        }

        return entries;
    }

    private static IQueryable<AuditEntry> Equal(IQueryable<AuditEntry> entries, string? value, Expression<Func<AuditEntry, string?>> column)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return entries;
        }

        var trimmed = value.Trim();
        var equals = Expression.Lambda<Func<AuditEntry, bool>>(
            Expression.Equal(column.Body, Expression.Constant(trimmed, typeof(string))), column.Parameters);
        return entries.Where(equals);
    }

    /// <summary>The filters as recorded in the audit entry of a search or export, e.g. <c>actor=…;from=…</c>.</summary>
    public static string Describe(this AuditFilter filter) => string.Join(';', new (string Name, string? Value)[]
        {
            ("action", filter.Action), ("actor", filter.ActorId), ("outcome", filter.Outcome), ("correlation", filter.CorrelationId),
            ("resourceType", filter.ResourceType), ("resource", filter.ResourceId),
            ("from", filter.From?.ToString("O", CultureInfo.InvariantCulture)), ("to", filter.To?.ToString("O", CultureInfo.InvariantCulture)),
        }
        .Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Name}={f.Value!.Trim()}")) is { Length: > 0 } described ? described : "all";

    /// <summary>Every column of an entry, hashes in lower-case hexadecimal: the detail page and each exported row.</summary>
    public static AuditEntryDetail Detail(AuditEntry e) =>
        new(e.Id, e.ChainSequence, e.OccurredAt, e.Action, e.ResourceType, e.ResourceId, e.ActorId, e.ActorRole, e.SessionId, e.ClientIp, e.Outcome,
            e.CorrelationId, e.Reason, e.Before, e.After, e.SourceEventId, Convert.ToHexStringLower(e.PreviousHash ?? []), Convert.ToHexStringLower(e.Hash ?? []));

    public static readonly Expression<Func<AuditEntry, AuditEntrySummary>> Summary = e =>
        new AuditEntrySummary(e.Id, e.ChainSequence, e.OccurredAt, e.Action, e.ResourceType, e.ResourceId, e.ActorId, e.ActorRole, e.Outcome,
            e.CorrelationId, e.ClientIp, e.Reason);
}

internal sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    private static readonly string[] Outcomes = [AuditOutcomes.Succeeded, AuditOutcomes.NotFound, AuditOutcomes.Forbidden, AuditOutcomes.Invalid, AuditOutcomes.Failed];

    public AuditFilterValidator()
    {
        RuleFor(f => f.To).GreaterThanOrEqualTo(f => f.From).When(f => f.From is not null && f.To is not null)
            .WithMessage("'To' must not be before 'From'.");
        RuleFor(f => f.Action).Must(a => a!.Trim() is var action && action.IndexOf(AuditFilter.PrefixWildcard, StringComparison.Ordinal) is var star
                && (star < 0 || (star == action.Length - 1 && star > 0)))
            .When(f => !string.IsNullOrWhiteSpace(f.Action))
            .WithMessage("'*' may only end the action, after at least one character, to match every action that starts with it.");
        RuleFor(f => f.Outcome).Must(o => Outcomes.Contains(o!.Trim())).When(f => !string.IsNullOrWhiteSpace(f.Outcome))
            .WithMessage($"Outcome is one of {string.Join(", ", Outcomes)}.");
        foreach (var field in new Expression<Func<AuditFilter, string?>>[] { f => f.Action, f => f.ActorId, f => f.CorrelationId, f => f.ResourceType, f => f.ResourceId })
        {
            RuleFor(field).MaximumLength(200);
        }
    }
}
