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
                // Checked before it names the download: any other value in a header (a line break, a byte outside
                // ASCII) would make the response fail as it starts, a 500 instead of this 400.
                if (chosen is not (AuditExportFormats.Csv or AuditExportFormats.Json))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Format is 'csv' or 'json'."] });
                }

                // Headers go out with the first byte the handler writes; a request refused before that gets a clean
                // problem response instead, since the exception handler clears a response that has not started.
                var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.{chosen}\"";
                http.Response.Headers.CacheControl = "no-store";
                http.Response.ContentType = AuditExportFormats.ContentType(chosen);
                await sender.Send(new Contracts.Administration.ExportAuditTrail(query.Filter(), chosen, http.Response.Body), ct);
                return Results.Empty;
            })
            .WithName(nameof(Contracts.Administration.ExportAuditTrail))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
}
