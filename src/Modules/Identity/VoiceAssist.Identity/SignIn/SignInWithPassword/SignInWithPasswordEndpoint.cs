using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SignIn.SignInWithPassword;

internal static class SignInWithPasswordEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/token", async (SignInWithPassword request, HttpContext http, AccountSignInThrottle throttle, ISender sender, CancellationToken ct) =>
                await throttle.TryAcquire(UserQueries.NormalizeEmail(request.Email ?? ""), http.Response)
                    ? (await sender.Send(request, ct)).ToHttpResult()
                    : Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts. Try again later."))
                .WithName(nameof(SignInWithPassword))
                .AllowAnonymous()
                .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
}
