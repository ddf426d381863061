using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

internal static class SearchAuditTrailEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapGet("/audit", (string? action, string? resourceId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
                ISender sender, CancellationToken ct) =>
                sender.Send(new SearchAuditTrail(action, resourceId, from, to, page ?? 1, pageSize ?? 50), ct))
            .WithName(nameof(SearchAuditTrail))
            .ProducesValidationProblem();
}
