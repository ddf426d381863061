using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;

internal static class SearchAuditTrailEndpoint
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/audit", ([AsParameters] AuditQuery query, string? after, string? before, int? pageSize, ISender sender, CancellationToken ct) =>
                sender.Send(new Contracts.Administration.SearchAuditTrail(query.Filter(), after, before, pageSize ?? 50), ct))
            .WithName(nameof(Contracts.Administration.SearchAuditTrail))
            .Produces<AuditPage>()
            .ProducesValidationProblem();
}

/// <summary>The filters of an audit search or export as query string parameters.</summary>
internal sealed record AuditQuery(string? Action, string? ActorId, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, string? CorrelationId,
    string? ResourceType, string? ResourceId)
{
    public AuditFilter Filter() => new(Action, ActorId, Outcome, From, To, CorrelationId, ResourceType, ResourceId);
}
