using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Users.GetCurrentUser;

internal static class GetCurrentUserEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/me", (ISender sender, CancellationToken ct) => sender.Send(new GetCurrentUser(), ct))
            .WithName(nameof(GetCurrentUser));
}
