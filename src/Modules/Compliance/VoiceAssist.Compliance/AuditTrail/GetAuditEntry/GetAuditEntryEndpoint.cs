using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Compliance.AuditTrail.GetAuditEntry;

internal static class GetAuditEntryEndpoint
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/audit/{id:long}", (long id, ISender sender, CancellationToken ct) => sender.Send(new Contracts.Administration.GetAuditEntry(id), ct))
            .WithName(nameof(Contracts.Administration.GetAuditEntry))
            .Produces<AuditEntryDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
