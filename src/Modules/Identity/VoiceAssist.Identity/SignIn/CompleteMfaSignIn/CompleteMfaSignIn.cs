using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SignIn.CompleteMfaSignIn;

/// <summary>Second step of sign-in: the MFA token from the password step plus a TOTP code or a recovery code.</summary>
internal sealed record CompleteMfaSignIn(string MfaToken, string? Code, string? RecoveryCode) : ICommand<SignInOutcome>
{
    /// <summary>Start a page (cookie) session rather than issue tokens; never read from a request body.</summary>
    [JsonIgnore]
    public bool ForPage { get; init; }
}

internal sealed class CompleteMfaSignInHandler(
    IdentityDbContext db, AccessTokens tokens, AccountLockout lockout, SignInCompletion completion, TotpEnrollment enrollment, TimeProvider time)
    : IRequestHandler<CompleteMfaSignIn, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(CompleteMfaSignIn request, CancellationToken cancellationToken)
    {
        if (await tokens.ValidateMfaToken(request.MfaToken, MfaPurpose.Verify) is not { } pending
            || await db.ForUpdate(pending.UserId, cancellationToken) is not { TotpSecret: not null } user
            || !Secrets.FixedTimeEquals(pending.Stamp, Secrets.Hash(user.SecurityStamp ?? "")))
        {
            return SignInOutcome.Failed;
        }

        var method = string.IsNullOrWhiteSpace(request.RecoveryCode) ? AuthenticationMethod.Totp : AuthenticationMethod.RecoveryCode;
        if (await lockout.IsBarred(user, cancellationToken))
        {
            await lockout.RefuseBarred(user, method, cancellationToken);
            return SignInOutcome.Failed;
        }

        var now = time.GetUtcNow();
        if (method == AuthenticationMethod.Totp)
        {
            if (enrollment.VerifyCode(user, request.Code, now) is not { } step)
            {
                await lockout.RegisterFailure(user, method, cancellationToken);
                return SignInOutcome.Failed;
            }

            user.TotpLastTimeStep = step;
        }
        else
        {
            var hash = Secrets.Hash(Secrets.NormalizeRecoveryCode(request.RecoveryCode!));
            var code = await db.RecoveryCodes.FirstOrDefaultAsync(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null, cancellationToken);
            if (code is null)
            {
                await lockout.RegisterFailure(user, method, cancellationToken);
                return SignInOutcome.Failed;
            }

            code.UsedAt = now;
            var left = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken) - 1;
            db.AddIntegrationEvent(new RecoveryCodeUsed(Guid.CreateVersion7(), now, user.Id, left));
        }

        return completion.Complete(user, [AuthenticationMethod.Password, method], request.ForPage);
    }
}
