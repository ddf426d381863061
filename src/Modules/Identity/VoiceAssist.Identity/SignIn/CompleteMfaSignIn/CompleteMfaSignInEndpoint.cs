using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.SignIn.CompleteMfaSignIn;

internal static class CompleteMfaSignInEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/token/mfa", async (CompleteMfaSignIn request, ISender sender, CancellationToken ct) =>
                (await sender.Send(request, ct)).ToHttpResult())
                .WithName(nameof(CompleteMfaSignIn))
                .AllowAnonymous()
                .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
}
