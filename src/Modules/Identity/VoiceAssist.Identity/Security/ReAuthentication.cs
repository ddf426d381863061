using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Security;

/// <summary>Proof, again, before a change to how the account signs in (MFA, email): the password, and the current
/// TOTP code when MFA is on. A stolen access token alone cannot take over the account. Failures count toward lockout.</summary>
internal sealed class ReAuthentication(UserManager<User> users, AccountLockout lockout, TotpEnrollment enrollment, TimeProvider time)
{
    public async Task<bool> Verify(User user, string? password, string? code, CancellationToken cancellationToken = default)
    {
        if (await lockout.IsBarred(user, cancellationToken))
        {
            await lockout.RefuseBarred(user, AuthenticationMethod.Password, cancellationToken);
            return false;
        }

        if (user.PasswordHash is null || !await users.CheckPasswordAsync(user, password ?? ""))
        {
            await lockout.RegisterFailure(user, AuthenticationMethod.Password, cancellationToken);
            return false;
        }

        if (user.TwoFactorEnabled && user.TotpSecret is not null)
        {
            if (enrollment.VerifyCode(user, code, time.GetUtcNow()) is not { } step)
            {
                await lockout.RegisterFailure(user, AuthenticationMethod.Totp, cancellationToken);
                return false;
            }

            user.TotpLastTimeStep = step;
        }

        return true;
    }
}

internal enum ChangeStatus
{
    Done,
    ReAuthenticationFailed,
    NotAllowed,
}

/// <summary>The result of a change that needed re-authentication; a result rather than an exception so the failure
/// counter commits.</summary>
internal sealed record ChangeOutcome<T>(ChangeStatus Status, T? Value = default, string? Reason = null)
{
    public static ChangeOutcome<T> Failed { get; } = new(ChangeStatus.ReAuthenticationFailed);

    public IResult ToHttpResult(Func<T, IResult> done) => Status switch
    {
        ChangeStatus.Done => done(Value!),
        ChangeStatus.ReAuthenticationFailed => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Re-authentication failed."),
        _ => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: Reason),
    };
}
