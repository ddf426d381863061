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
    private static readonly Lazy<(User User, string Hash)> Decoy = new(() =>
    {
        var user = new User { DisplayName = "", Role = Roles.Viewer };
        return (user, new PasswordHasher<User>().HashPassword(user, Secrets.NewToken()));
    });

    public async Task<SignInOutcome> Handle(SignInWithPassword request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdateByEmail(UserQueries.NormalizeEmail(request.Email ?? ""), cancellationToken);
        if (user is null)
        {
            // Spend the same time as a real check, so response times do not reveal which accounts exist.
            hasher.VerifyHashedPassword(Decoy.Value.User, Decoy.Value.Hash, request.Password ?? "");
            db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), time.GetUtcNow(), null, AuthenticationMethod.Password, FailureReason.UnknownAccount, 0));
            return SignInOutcome.Failed;
        }

        if (lockout.IsBarred(user))
        {
            lockout.RefuseBarred(user, AuthenticationMethod.Password);
            return SignInOutcome.Failed;
        }

        if (user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(Decoy.Value.User, Decoy.Value.Hash, request.Password ?? "");
            lockout.RegisterFailure(user, AuthenticationMethod.Password, FailureReason.NoPassword);
            return SignInOutcome.Failed;
        }

        if (!await users.CheckPasswordAsync(user, request.Password ?? ""))
        {
            lockout.RegisterFailure(user, AuthenticationMethod.Password);
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
}
