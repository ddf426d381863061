using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Compliance.AuditTrail.ExportAuditTrail;

internal static class ExportAuditTrailEndpoint
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/audit/export", async (string? format, [AsParameters] AuditQuery query, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var chosen = (format ?? AuditExportFormats.Csv).ToLowerInvariant();
                // Headers go out with the first byte the handler writes; a request refused before that gets a clean
                // problem response instead, since the exception handler clears a response that has not started.
                var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.{chosen}\"";
                http.Response.Headers.CacheControl = "no-store";
                http.Response.ContentType = AuditExportFormats.ContentType(chosen);
                await sender.Send(new Contracts.Administration.ExportAuditTrail(query.Filter(), chosen, http.Response.Body), ct);
            })
            .WithName(nameof(Contracts.Administration.ExportAuditTrail))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
}
