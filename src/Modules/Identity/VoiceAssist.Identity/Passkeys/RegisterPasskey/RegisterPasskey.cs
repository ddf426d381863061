using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Passkeys.ListPasskeys;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Passkeys.RegisterPasskey;

/// <summary>A signed-in user asks to register a passkey, proving again who they are (password, and the TOTP code when
/// MFA is on) as for any change to how the account signs in: a stolen access token alone cannot add a way in.</summary>
internal sealed record BeginPasskeyRegistration(Guid UserId, string? Password, string? Code) : ICommand<ChangeOutcome<PasskeyChallenge>>;

/// <summary>The browser's answer from <c>navigator.credentials.create</c> for that ceremony; null result when it is
/// refused (unknown, used or expired ceremony, wrong origin or relying party, no user verification).</summary>
internal sealed record CompletePasskeyRegistration(Guid UserId, Guid CeremonyId, string CredentialJson, string? Name) : ICommand<PasskeySummary?>;

internal sealed class BeginPasskeyRegistrationHandler(
    IdentityDbContext db, ReAuthentication reAuthentication, IPasskeyHandler<User> passkeys, PasskeyCeremonies ceremonies, IHttpContextAccessor http)
    : IRequestHandler<BeginPasskeyRegistration, ChangeOutcome<PasskeyChallenge>>
{
    public async Task<ChangeOutcome<PasskeyChallenge>> Handle(BeginPasskeyRegistration request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (!await reAuthentication.Verify(user, request.Password, request.Code, cancellationToken))
        {
            return ChangeOutcome<PasskeyChallenge>.Failed;
        }

        // The user handle is the account id: it carries nothing personal, and it tells the sign-in whose passkey answers.
        var entity = new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.Email ?? user.Id.ToString(), DisplayName = user.DisplayName };
        var options = await passkeys.MakeCreationOptionsAsync(entity, http.HttpContext!);
        var challenge = await ceremonies.Begin(PasskeyCeremonyPurpose.Register, user.Id, options.AttestationState!, options.CreationOptionsJson, cancellationToken);
        return new(ChangeStatus.Done, challenge);
    }
}

internal sealed partial class CompletePasskeyRegistrationHandler(
    IdentityDbContext db,
    IPasskeyHandler<User> passkeys,
    PasskeyCeremonies ceremonies,
    IHttpContextAccessor http,
    TimeProvider time,
    ILogger<CompletePasskeyRegistrationHandler> logger)
    : IRequestHandler<CompletePasskeyRegistration, PasskeySummary?>
{
    public const int MaxNameLength = 100;

    public async Task<PasskeySummary?> Handle(CompletePasskeyRegistration request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (await ceremonies.Take(request.CeremonyId, PasskeyCeremonyPurpose.Register, user.Id, cancellationToken) is not { } state)
        {
            LogRefused(logger, user.Id, "no such registration in progress, or it expired");
            return null;
        }

        var result = await passkeys.PerformAttestationAsync(new PasskeyAttestationContext
        {
            CredentialJson = request.CredentialJson,
            AttestationState = state,
            HttpContext = http.HttpContext!,
        });
        if (!result.Succeeded || result.UserEntity.Id != user.Id.ToString())
        {
            LogRefused(logger, user.Id, result.Failure?.Message ?? "registered for another account");
            return null;
        }

        var passkey = PasskeyUserStore.FromInfo(user.Id, result.Passkey);
        var name = request.Name?.Trim() ?? "";
        passkey.Name = name.Length == 0 ? "Passkey" : name[..Math.Min(name.Length, MaxNameLength)];
        passkey.CreatedAt = time.GetUtcNow();
        db.Passkeys.Add(passkey);
        db.AddIntegrationEvent(new PasskeyAdded(Guid.CreateVersion7(), passkey.CreatedAt, user.Id, passkey.Id));
        return PasskeySummary.Of(passkey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey registration for user {UserId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string reason);
}
