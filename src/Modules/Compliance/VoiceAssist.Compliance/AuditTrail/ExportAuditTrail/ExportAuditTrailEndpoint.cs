using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.AuditTrail.ExportAuditTrail;

internal static class ExportAuditTrailEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapGet("/audit/export", async (string? format, string? action, string? actorId, string? resourceType, string? resourceId,
                DateTimeOffset? from, DateTimeOffset? to, ISender sender, HttpContext http, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var export = await sender.Send(new ExportAuditTrail(new AuditFilter(action, actorId, resourceType, resourceId, from, to),
                    (format ?? AuditExportFormats.Csv).ToLowerInvariant()), ct);
                var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.{export.Format}\"";
                http.Response.Headers.CacheControl = "no-store";
                if (export.Format == AuditExportFormats.Json)
                {
                    http.Response.ContentType = "application/json; charset=utf-8";
                    await JsonSerializer.SerializeAsync(http.Response.Body, export.Entries, json.Value.SerializerOptions, ct);
                    return;
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
                await writer.WriteAsync(AuditCsv.Header.AsMemory(), ct);
                await foreach (var entry in export.Entries.WithCancellation(ct))
                {
                    await writer.WriteAsync(AuditCsv.Row(entry).AsMemory(), ct);
                }
            })
            .WithName(nameof(ExportAuditTrail))
            .RequireAuthorization(Policies.Auditor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
}
