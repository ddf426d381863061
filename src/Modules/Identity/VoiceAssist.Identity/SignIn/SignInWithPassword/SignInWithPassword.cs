using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.SignIn.SignInWithPassword;

/// <summary>First step of sign-in: email and password. Signs in, or asks for the second factor, or (for an account
/// that must have MFA and has none yet) asks the user to enroll an authenticator before anything else.</summary>
internal sealed record SignInWithPassword(string Email, string Password) : ICommand<SignInOutcome>
{
    /// <summary>Start a page (cookie) session rather than issue tokens. Set by the page's sign-in endpoint only,
    /// never read from a request body.</summary>
    [JsonIgnore]
    public bool ForPage { get; init; }
}

internal sealed class SignInWithPasswordHandler(
    IdentityDbContext db,
    UserManager<User> users,
    IPasswordHasher<User> hasher,
    AccountLockout lockout,
    SignInCompletion completion,
    AccessTokens tokens,
    IOptionsSnapshot<MfaSettings> mfa,
    TimeProvider time) : IRequestHandler<SignInWithPassword, SignInOutcome>
{
    /// <summary>A hash made by the configured hasher (so with its work factor) of a password nobody knows, checked
    /// whenever there is no real hash to check.</summary>
    private static string? decoyHash;

    public async Task<SignInOutcome> Handle(SignInWithPassword request, CancellationToken cancellationToken)
    {
        // An unknown account, a wrong password, a locked account and an account without a password all cost one
        // password hash and end in the same bare 401, so neither the answer nor its timing tells them apart.
        var password = request.Password ?? "";
        var user = await db.ForUpdateByEmail(UserQueries.NormalizeEmail(request.Email ?? ""), cancellationToken);
        if (user is null)
        {
            CheckDecoy(password);
            db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), time.GetUtcNow(), null, AuthenticationMethod.Password, FailureReason.UnknownAccount, 0));
            return SignInOutcome.Failed;
        }

        if (await lockout.IsBarred(user, cancellationToken))
        {
            if (user.PasswordHash is null)
            {
                CheckDecoy(password);
            }
            else
            {
                hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            }

            await lockout.RefuseBarred(user, AuthenticationMethod.Password, cancellationToken);
            return SignInOutcome.Failed;
        }

        if (user.PasswordHash is null)
        {
            CheckDecoy(password);
            await lockout.RegisterFailure(user, AuthenticationMethod.Password, cancellationToken, FailureReason.NoPassword);
            return SignInOutcome.Failed;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await lockout.RegisterFailure(user, AuthenticationMethod.Password, cancellationToken);
            return SignInOutcome.Failed;
        }

        var now = time.GetUtcNow();
        if (user.TwoFactorEnabled && user.TotpSecret is not null)
        {
            return new SignInOutcome(SignInStatus.MfaRequired, MfaToken: tokens.IssueMfaToken(user, MfaPurpose.Verify, now));
        }

        if (user.RequiresMfa(mfa.Value))
        {
            return new SignInOutcome(SignInStatus.MfaEnrollmentRequired, MfaToken: tokens.IssueMfaToken(user, MfaPurpose.Enroll, now));
        }

        return completion.Complete(user, [AuthenticationMethod.Password], request.ForPage);
    }

    private void CheckDecoy(string password)
    {
        var decoy = new User { DisplayName = "", Role = Roles.Viewer };
        decoyHash ??= hasher.HashPassword(decoy, Secrets.NewToken());
        hasher.VerifyHashedPassword(decoy, decoyHash, password);
    }
}
