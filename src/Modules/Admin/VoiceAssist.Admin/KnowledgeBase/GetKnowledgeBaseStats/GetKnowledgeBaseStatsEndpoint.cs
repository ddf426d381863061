using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Admin.KnowledgeBase.GetKnowledgeBaseStats;

internal static class GetKnowledgeBaseStatsEndpoint
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/knowledge-base", (ISender sender, CancellationToken ct) => sender.Send(new GetKnowledgeBaseStats(), ct))
            .WithName(nameof(GetKnowledgeBaseStats));
}
