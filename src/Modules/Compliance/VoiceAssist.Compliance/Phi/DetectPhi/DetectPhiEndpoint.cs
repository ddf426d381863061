using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.DetectPhi;

internal static class DetectPhiEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/phi/detect", (Contracts.DetectPhi request, ISender sender, CancellationToken ct) => sender.Send(request, ct))
            .WithName(nameof(Contracts.DetectPhi))
            .Produces<PhiDetection>()
            .ProducesValidationProblem();
}
