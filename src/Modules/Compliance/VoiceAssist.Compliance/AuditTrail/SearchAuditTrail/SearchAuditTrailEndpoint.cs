using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

internal static class SearchAuditTrailEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapGet("/audit", (string? action, string? actorId, string? resourceType, string? resourceId, DateTimeOffset? from, DateTimeOffset? to,
                int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                sender.Send(new SearchAuditTrail(new AuditFilter(action, actorId, resourceType, resourceId, from, to), page ?? 1, pageSize ?? 50), ct))
            .WithName(nameof(SearchAuditTrail))
            .RequireAuthorization(Policies.Auditor)
            .ProducesValidationProblem();
}
