using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.Users.GetCurrentUser;

internal static class GetCurrentUserEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/me", (ICurrentUser caller, ISender sender, CancellationToken ct) => sender.Send(new GetCurrentUser(caller.UserId!.Value), ct))
            .WithName(nameof(GetCurrentUser))
            .RequireAuthorization(Policies.SignedIn);
}
