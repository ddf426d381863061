using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Mfa.ManageMfa;

internal sealed record ReAuthenticationBody(string? Password, string? Code);

internal sealed record CodeBody(string? Code);

internal sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

internal static class ManageMfaEndpoints
{
    public static void Map(RouteGroupBuilder identity)
    {
        var mfa = identity.MapGroup("/me/mfa")
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(IdentityRateLimiting.AccountChangesPolicy);

        mfa.MapPost("/totp", async (ReAuthenticationBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            (await sender.Send(new BeginMfaEnrollment(caller.UserId!.Value, body.Password, body.Code), ct)).ToHttpResult(Results.Ok))
            .WithName(nameof(BeginMfaEnrollment));

        mfa.MapPost("/totp/confirm", async (CodeBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            await sender.Send(new ConfirmMfaEnrollment(caller.UserId!.Value, body.Code), ct) is { } codes
                ? Results.Ok(new RecoveryCodesResponse(codes))
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["The code does not match the authenticator being enrolled."] }))
            .WithName(nameof(ConfirmMfaEnrollment));

        mfa.MapPost("/disable", async (ReAuthenticationBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            (await sender.Send(new DisableMfa(caller.UserId!.Value, body.Password, body.Code), ct)).ToHttpResult(_ => Results.NoContent()))
            .WithName(nameof(DisableMfa));

        mfa.MapPost("/recovery-codes", async (ReAuthenticationBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            (await sender.Send(new RegenerateRecoveryCodes(caller.UserId!.Value, body.Password, body.Code), ct))
                .ToHttpResult(codes => Results.Ok(new RecoveryCodesResponse(codes))))
            .WithName(nameof(RegenerateRecoveryCodes));
    }
}
