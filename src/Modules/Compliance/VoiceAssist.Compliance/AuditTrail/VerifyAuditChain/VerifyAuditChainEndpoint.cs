using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;

internal static class VerifyAuditChainEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapGet("/audit/verify", (ISender sender, CancellationToken ct) => sender.Send(new VerifyAuditChain(), ct))
            .WithName(nameof(VerifyAuditChain))
            .Produces<AuditChainVerification>();
}
