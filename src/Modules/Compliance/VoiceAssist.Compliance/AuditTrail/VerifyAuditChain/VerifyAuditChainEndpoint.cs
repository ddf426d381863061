using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;

internal static class VerifyAuditChainEndpoint
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/audit/verify", (ISender sender, CancellationToken ct) => sender.Send(new Contracts.Administration.VerifyAuditChain(), ct))
            .WithName(nameof(Contracts.Administration.VerifyAuditChain))
            .Produces<AuditChainVerification>();
}
