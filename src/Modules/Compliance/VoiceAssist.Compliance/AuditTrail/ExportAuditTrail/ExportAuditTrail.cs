using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.ExportAuditTrail;

internal sealed class ExportAuditTrailValidator : AbstractValidator<Contracts.Administration.ExportAuditTrail>
{
    public ExportAuditTrailValidator()
    {
        RuleFor(e => e.Format).Must(f => f is AuditExportFormats.Csv or AuditExportFormats.Json).WithMessage("Format is 'csv' or 'json'.");
        RuleFor(e => e.Filter).NotNull().SetValidator(new AuditFilterValidator());
        RuleFor(e => e.Destination).NotNull().Must(d => d.CanWrite).WithMessage("The destination must be writable.");
    }
}

/// <summary>Streams the matching entries in chain order from one database reader to the destination, flushing as it
/// goes, so memory stays flat however many entries match. The export is recorded (and committed) before the first
/// row is read, so even an export cut short is on the trail.</summary>
internal sealed class ExportAuditTrailHandler(ComplianceDbContext db, AuditRecorder recorder, ICurrentUser user, IOptions<JsonOptions> json)
    : IRequestHandler<Contracts.Administration.ExportAuditTrail, AuditExportResult>
{
    public async Task<AuditExportResult> Handle(Contracts.Administration.ExportAuditTrail request, CancellationToken cancellationToken)
    {
        AuditReaders.Demand(user);
        await recorder.Record(AuditActions.AuditExported, "audit_trail", $"{request.Format}:{request.Filter.Describe()}", cancellationToken: cancellationToken);
        var entries = db.AuditEntries.AsNoTracking().Apply(request.Filter).OrderBy(e => e.ChainSequence)
            .AsAsyncEnumerable().WithCancellation(cancellationToken);
        var written = 0L;
        if (request.Format == AuditExportFormats.Json)
        {
            // The writer fills a buffer that is copied to the destination asynchronously (a response body refuses
            // synchronous writes), a chunk at a time.
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            await using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartArray();
            await foreach (var entry in entries)
            {
                JsonSerializer.Serialize(writer, AuditFilters.Detail(entry), json.Value.SerializerOptions);
                written++;
                if (buffer.WrittenCount >= 60 * 1024)
                {
                    await Drain(writer, buffer, request.Destination, cancellationToken);
                }
            }

            writer.WriteEndArray();
            await Drain(writer, buffer, request.Destination, cancellationToken);
        }
        else
        {
            await using var writer = new StreamWriter(request.Destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            await writer.WriteAsync(AuditCsv.Header.AsMemory(), cancellationToken);
            await foreach (var entry in entries)
            {
                await writer.WriteAsync(AuditCsv.Row(AuditFilters.Detail(entry)).AsMemory(), cancellationToken);
                written++;
            }
        }

        await request.Destination.FlushAsync(cancellationToken);
        return new AuditExportResult(request.Format, written);
    }

    private static async Task Drain(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream destination, CancellationToken cancellationToken)
    {
        writer.Flush();
        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }
}

/// <summary>RFC 4180 CSV. A value that a spreadsheet would run as a formula (starting with = + - @ or a tab) is
/// prefixed with an apostrophe (OWASP CSV injection guidance), so an export opened in a spreadsheet cannot execute
/// content an attacker managed to get into the trail.</summary>
internal static class AuditCsv
{
    public static readonly string Header = string.Join(',', "id", "chain_sequence", "occurred_at", "action", "resource_type", "resource_id",
        "actor_id", "actor_role", "session_id", "client_ip", "outcome", "correlation_id", "reason", "before_value", "after_value", "source_event_id",
        "previous_hash", "hash") + "\r\n";

    public static string Row(AuditEntryDetail e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new StringBuilder();
        string?[] values =
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.ChainSequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.Action, e.ResourceType, e.ResourceId, e.ActorId, e.ActorRole, e.SessionId, e.ClientIp, e.Outcome, e.CorrelationId, e.Reason,
            e.Before, e.After, e.SourceEventId.ToString("D"), e.PreviousHash, e.Hash,
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
