using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Mfa.ManageMfa;
using VoiceAssist.Identity.Passkeys.RegisterPasskey;
using VoiceAssist.Identity.Passkeys.SignInWithPasskey;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Sessions.SignInToPage;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Passkeys;

/// <summary>A WebAuthn answer: the ceremony it belongs to and the credential as <c>PublicKeyCredential.toJSON()</c>
/// gives it (base64url buffers).</summary>
internal sealed record PasskeyAnswerBody(Guid CeremonyId, JsonElement Credential, string? Name);

/// <summary>Passkeys: ASP.NET Core Identity's WebAuthn verification (<see cref="PasskeyHandler{TUser}"/>) with the
/// relying party id and origins from <see cref="PasskeySettings"/>, user verification required and discoverable
/// credentials, so a passkey alone (no email, no password) signs in with two factors.</summary>
internal static class PasskeyEndpoints
{
    public static void AddPasskeys(this IServiceCollection services)
    {
        services.AddScoped<PasskeyCeremonies>();
        services.AddScoped<IPasskeyHandler<User>, PasskeyHandler<User>>();
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<PasskeySettings>>((passkey, settings) =>
        {
            passkey.ServerDomain = string.IsNullOrWhiteSpace(settings.Value.RelyingPartyId) ? null : settings.Value.RelyingPartyId;
            passkey.AuthenticatorTimeout = settings.Value.ChallengeLifetime;
            passkey.UserVerificationRequirement = "required";
            passkey.ResidentKeyRequirement = "required";
            passkey.AttestationConveyancePreference = "none";
            passkey.ValidateOrigin = context => ValueTask.FromResult(IsAllowedOrigin(context, settings.Value));
        });
    }

    /// <summary>Outside Development and Testing, passkeys are offered only once a relying party id is configured: the
    /// request's Host header is not a safe source for it there.</summary>
    public static bool Offered(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        return !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<PasskeySettings>>().Value.RelyingPartyId)
               || environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    public static void Map(RouteGroupBuilder identity)
    {
        var mine = identity.MapGroup("/me/passkeys")
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(IdentityRateLimiting.AccountChangesPolicy);

        mine.MapGet("", (ICurrentUser caller, ISender sender, CancellationToken ct) => sender.Send(new ListPasskeys.ListPasskeys(caller.UserId!.Value), ct))
            .WithName(nameof(ListPasskeys));

        mine.MapPost("/options", async (ReAuthenticationBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
                (await sender.Send(new BeginPasskeyRegistration(caller.UserId!.Value, body.Password, body.Code), ct)).ToHttpResult(Results.Ok))
            .WithName(nameof(BeginPasskeyRegistration));

        mine.MapPost("", async (PasskeyAnswerBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            {
                if (Invalid(body) is { } problem)
                {
                    return problem;
                }

                return await sender.Send(new CompletePasskeyRegistration(caller.UserId!.Value, body.CeremonyId, body.Credential.GetRawText(), body.Name), ct) is { } added
                    ? Results.Created($"/api/identity/me/passkeys/{added.Id}", added)
                    : Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["credential"] = ["The passkey could not be registered: the request expired or was already used, or the authenticator's answer did not verify. Start again."],
                    });
            })
            .WithName(nameof(CompletePasskeyRegistration));

        mine.MapDelete("/{id:guid}", async (Guid id, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemovePasskey.RemovePasskey(caller.UserId!.Value, id), ct);
                return Results.NoContent();
            })
            .WithName(nameof(RemovePasskey));

        // The page's passkey sign-in: same-origin only, rate limited with the password sign-in, ending in the same
        // cookie session.
        var signIn = identity.MapGroup("/session/passkey")
            .AllowAnonymous()
            .AddEndpointFilter<SameOrigin>()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);

        signIn.MapPost("/options", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new BeginPasskeySignIn(), ct)))
            .WithName(nameof(BeginPasskeySignIn));

        signIn.MapPost("", async (PasskeyAnswerBody body, HttpContext http, ISender sender, PageSessions pages, CancellationToken ct) =>
            {
                if (Invalid(body) is { } problem)
                {
                    return problem;
                }

                var outcome = await sender.Send(new SignInWithPasskey.SignInWithPasskey(body.CeremonyId, body.Credential.GetRawText()), ct);
                if (outcome is not { Status: SignInStatus.SignedIn, Page: { } ticket })
                {
                    return SignInOutcome.Failed.ToHttpResult();
                }

                pages.WriteCookie(http, ticket);
                return Results.Ok(new PageSignInResponse("signed_in"));
            })
            .WithName(nameof(SignInWithPasskey));
    }

    private static IResult? Invalid(PasskeyAnswerBody body) =>
        body.Credential.ValueKind != JsonValueKind.Object || body.Credential.GetRawText().Length > PasskeyCredential.MaxJsonLength
            ? Results.ValidationProblem(new Dictionary<string, string[]> { ["credential"] = ["A WebAuthn credential (PublicKeyCredential JSON) is required."] })
            : null;

    /// <summary>The page that asked for the passkey must be one of ours: a configured origin, or else the request's
    /// own. A passkey prompt shown inside another site's frame (crossOrigin) is refused too.</summary>
    private static bool IsAllowedOrigin(PasskeyOriginValidationContext context, PasskeySettings settings)
    {
        if (context.CrossOrigin || string.IsNullOrEmpty(context.Origin))
        {
            return false;
        }

        var request = context.HttpContext.Request;
        IEnumerable<string> allowed = settings.Origins.Count > 0 ? settings.Origins : [$"{request.Scheme}://{request.Host.Value}"];
        return allowed.Any(origin => string.Equals(origin.TrimEnd('/'), context.Origin, StringComparison.OrdinalIgnoreCase));
    }
}
