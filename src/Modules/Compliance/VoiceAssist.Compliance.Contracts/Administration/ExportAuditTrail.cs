using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts.Administration;

/// <summary>Every entry matching <see cref="Filter"/> (the filters of <see cref="SearchAuditTrail"/>), in chain order,
/// written to <see cref="Destination"/> as <see cref="AuditExportFormats.Csv"/> (RFC 4180, formulas neutralised) or
/// <see cref="AuditExportFormats.Json"/> (one array), row by row as they are read, so an export of millions of entries
/// never sits in memory. Each row holds every field of <see cref="AuditEntryDetail"/>, hashes included, so the chain can
/// be rechecked outside the application. Administrators and auditors only; the export is recorded in the trail before
/// it starts.</summary>
public sealed record ExportAuditTrail(AuditFilter Filter, string Format, Stream Destination) : IQuery<AuditExportResult>;

/// <summary>How many entries were written.</summary>
public sealed record AuditExportResult(string Format, long Entries);

public static class AuditExportFormats
{
    public const string Csv = "csv";
    public const string Json = "json";

    public static string ContentType(string format) => format == Json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
}
