using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Integrations.Connectors.ConfigureConnector;

internal static class ConfigureConnectorEndpoint
{
    internal sealed record Body(string BaseUrl, bool Enabled);

    public static void Map(RouteGroupBuilder connectors) =>
        connectors.MapPut("/{kind}", (string kind, Body body, ISender sender, CancellationToken ct) =>
                sender.Send(new Contracts.Administration.ConfigureConnector(kind, body.BaseUrl, body.Enabled), ct))
            .WithName(nameof(Contracts.Administration.ConfigureConnector))
            .ProducesValidationProblem();
}
