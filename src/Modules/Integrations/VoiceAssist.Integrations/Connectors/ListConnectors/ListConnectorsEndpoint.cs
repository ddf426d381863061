using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Integrations.Connectors.ListConnectors;

internal static class ListConnectorsEndpoint
{
    public static void Map(RouteGroupBuilder connectors) =>
        connectors.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new Contracts.Administration.ListConnectors(), ct))
            .WithName(nameof(Contracts.Administration.ListConnectors));
}
