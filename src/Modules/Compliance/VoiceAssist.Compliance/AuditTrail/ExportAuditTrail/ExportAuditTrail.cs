using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.ExportAuditTrail;

/// <summary>Every entry that matches the filters, in chain order, as CSV or JSON, streamed row by row so an export of
/// millions of entries never sits in memory. The export is recorded in the trail (with its filters) before it starts.</summary>
internal sealed record ExportAuditTrail(AuditFilter Filter, string Format) : IQuery<AuditExport>;

internal sealed record AuditExport(string Format, IAsyncEnumerable<AuditEntryView> Entries);

internal sealed class ExportAuditTrailValidator : AbstractValidator<ExportAuditTrail>
{
    public ExportAuditTrailValidator()
    {
        RuleFor(e => e.Format).Must(f => f is AuditExportFormats.Csv or AuditExportFormats.Json).WithMessage("Format is 'csv' or 'json'.");
        RuleFor(e => e.Filter).SetValidator(new AuditFilterValidator());
    }
}

internal static class AuditExportFormats
{
    public const string Csv = "csv";
    public const string Json = "json";
}

internal sealed class ExportAuditTrailHandler(ComplianceDbContext db, AuditRecorder recorder) : IRequestHandler<ExportAuditTrail, AuditExport>
{
    public async Task<AuditExport> Handle(ExportAuditTrail request, CancellationToken cancellationToken)
    {
        await recorder.Record(AuditActions.AuditExported, "audit_trail", $"{request.Format}:{request.Filter.Describe()}", cancellationToken: cancellationToken);
        var entries = request.Filter.Apply(db.AuditEntries.AsNoTracking()).OrderBy(e => e.ChainSequence).Select(AuditViews.Project).AsAsyncEnumerable();
        return new AuditExport(request.Format, entries);
    }
}

/// <summary>RFC 4180 CSV. A value that a spreadsheet would run as a formula (starting with = + - @ or a tab) is
/// prefixed with an apostrophe (OWASP CSV injection guidance), so an export opened in a spreadsheet cannot execute
/// content an attacker managed to get into the trail.</summary>
internal static class AuditCsv
{
    public static readonly string Header = string.Join(',', "id", "chain_sequence", "occurred_at", "action", "resource_type", "resource_id",
        "actor_id", "actor_role", "outcome", "correlation_id", "client_ip", "reason") + "\r\n";

    public static string Row(AuditEntryView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new StringBuilder();
        string?[] values =
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.ChainSequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.Action, e.ResourceType, e.ResourceId, e.ActorId, e.ActorRole, e.Outcome, e.CorrelationId, e.ClientIp, e.Reason,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            row.Append(Escape(values[i]));
        }

        return row.Append("\r\n").ToString();
    }

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
