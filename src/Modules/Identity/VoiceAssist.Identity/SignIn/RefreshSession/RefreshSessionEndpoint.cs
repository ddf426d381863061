using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.SignIn.RefreshSession;

internal sealed record RefreshBody(string RefreshToken);

internal static class RefreshSessionEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/token/refresh", async (RefreshBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RefreshSession(body.RefreshToken), ct)).ToHttpResult())
                .WithName(nameof(RefreshSession))
                .AllowAnonymous()
                .RequireRateLimiting(IdentityRateLimiting.RefreshPolicy);
}
