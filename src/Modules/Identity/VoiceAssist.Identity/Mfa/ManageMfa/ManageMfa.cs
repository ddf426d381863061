using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Mfa.ManageMfa;

/// <summary>A signed-in user starts enrolling (or replacing) an authenticator, after re-authenticating.</summary>
internal sealed record BeginMfaEnrollment(Guid UserId, string? Password, string? Code) : ICommand<ChangeOutcome<AuthenticatorSetup>>;

/// <summary>The user proves the new authenticator with a code; MFA is on, with fresh recovery codes.</summary>
internal sealed record ConfirmMfaEnrollment(Guid UserId, string? Code) : ICommand<IReadOnlyList<string>?>;

/// <summary>The user turns MFA off, after re-authenticating; refused where MFA is required.</summary>
internal sealed record DisableMfa(Guid UserId, string? Password, string? Code) : ICommand<ChangeOutcome<Unit>>;

/// <summary>The user replaces their recovery codes, after re-authenticating.</summary>
internal sealed record RegenerateRecoveryCodes(Guid UserId, string? Password, string? Code) : ICommand<ChangeOutcome<IReadOnlyList<string>>>;

internal sealed class BeginMfaEnrollmentHandler(IdentityDbContext db, ReAuthentication reAuthentication, TotpEnrollment enrollment)
    : IRequestHandler<BeginMfaEnrollment, ChangeOutcome<AuthenticatorSetup>>
{
    public async Task<ChangeOutcome<AuthenticatorSetup>> Handle(BeginMfaEnrollment request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        return await reAuthentication.Verify(user, request.Password, request.Code, cancellationToken)
            ? new(ChangeStatus.Done, enrollment.Begin(user))
            : ChangeOutcome<AuthenticatorSetup>.Failed;
    }
}

internal sealed class ConfirmMfaEnrollmentHandler(IdentityDbContext db, TotpEnrollment enrollment)
    : IRequestHandler<ConfirmMfaEnrollment, IReadOnlyList<string>?>
{
    public async Task<IReadOnlyList<string>?> Handle(ConfirmMfaEnrollment request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        return await enrollment.Confirm(user, request.Code, cancellationToken);
    }
}

internal sealed class DisableMfaHandler(IdentityDbContext db, ReAuthentication reAuthentication, TotpEnrollment enrollment, IOptionsSnapshot<MfaSettings> mfa)
    : IRequestHandler<DisableMfa, ChangeOutcome<Unit>>
{
    public async Task<ChangeOutcome<Unit>> Handle(DisableMfa request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (!await reAuthentication.Verify(user, request.Password, request.Code, cancellationToken))
        {
            return ChangeOutcome<Unit>.Failed;
        }

        if (user.RequiresMfa(mfa.Value))
        {
            return new(ChangeStatus.NotAllowed, Reason: "Multi-factor authentication is required for this account; replace the authenticator instead.");
        }

        await enrollment.Disable(user, cancellationToken);
        return new(ChangeStatus.Done, Unit.Value);
    }
}

internal sealed class RegenerateRecoveryCodesHandler(IdentityDbContext db, ReAuthentication reAuthentication, TotpEnrollment enrollment, TimeProvider time)
    : IRequestHandler<RegenerateRecoveryCodes, ChangeOutcome<IReadOnlyList<string>>>
{
    public async Task<ChangeOutcome<IReadOnlyList<string>>> Handle(RegenerateRecoveryCodes request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (!await reAuthentication.Verify(user, request.Password, request.Code, cancellationToken))
        {
            return ChangeOutcome<IReadOnlyList<string>>.Failed;
        }

        if (!user.TwoFactorEnabled)
        {
            return new(ChangeStatus.NotAllowed, Reason: "Multi-factor authentication is not enabled.");
        }

        var codes = await enrollment.ReplaceRecoveryCodes(user, cancellationToken);
        db.AddIntegrationEvent(new RecoveryCodesRegenerated(Guid.CreateVersion7(), time.GetUtcNow(), user.Id));
        return new(ChangeStatus.Done, codes);
    }
}
