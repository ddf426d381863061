using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Passkeys.SignInWithPasskey;

/// <summary>The page asks for a sign-in challenge. No email is asked for: the passkey itself names the account (a
/// discoverable credential), so nothing here tells whether an address has an account.</summary>
internal sealed record BeginPasskeySignIn : ICommand<PasskeyChallenge>;

/// <summary>The browser's answer from <c>navigator.credentials.get</c>. A verified answer starts a page session like a
/// password sign-in does; a passkey with user verification is two factors in one step, so no TOTP is asked for.</summary>
internal sealed record SignInWithPasskey(Guid CeremonyId, string CredentialJson) : ICommand<SignInOutcome>;

internal sealed class BeginPasskeySignInHandler(IPasskeyHandler<User> passkeys, PasskeyCeremonies ceremonies, IHttpContextAccessor http)
    : IRequestHandler<BeginPasskeySignIn, PasskeyChallenge>
{
    public async Task<PasskeyChallenge> Handle(BeginPasskeySignIn request, CancellationToken cancellationToken)
    {
        var options = await passkeys.MakeRequestOptionsAsync(null, http.HttpContext!);
        return await ceremonies.Begin(PasskeyCeremonyPurpose.SignIn, null, options.AssertionState!, options.RequestOptionsJson, cancellationToken);
    }
}

/// <summary>Failures count on the account's one failure counter and lock it like wrong passwords do, and are recorded
/// as <see cref="SignInFailed"/> with method <see cref="AuthenticationMethod.Passkey"/>; a locked account is refused
/// before its passkey is even checked. The user is found (and locked for the transaction) from the answer's user
/// handle first, so concurrent answers for one account are judged one after another.</summary>
internal sealed partial class SignInWithPasskeyHandler(
    IdentityDbContext db,
    IPasskeyHandler<User> passkeys,
    PasskeyCeremonies ceremonies,
    AccountLockout lockout,
    SignInCompletion completion,
    IHttpContextAccessor http,
    TimeProvider time,
    ILogger<SignInWithPasskeyHandler> logger)
    : IRequestHandler<SignInWithPasskey, SignInOutcome>
{
    public static readonly IReadOnlyList<string> Methods = [AuthenticationMethod.Passkey, AuthenticationMethod.MultipleFactors];

    public async Task<SignInOutcome> Handle(SignInWithPasskey request, CancellationToken cancellationToken)
    {
        var user = PasskeyCredential.UserHandle(request.CredentialJson) is { } userId ? await db.ForUpdate(userId, cancellationToken) : null;
        var state = await ceremonies.Take(request.CeremonyId, PasskeyCeremonyPurpose.SignIn, null, cancellationToken);
        if (user is null)
        {
            db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), time.GetUtcNow(), null, AuthenticationMethod.Passkey, FailureReason.UnknownAccount, 0));
            return SignInOutcome.Failed;
        }

        if (await lockout.IsBarred(user, cancellationToken))
        {
            await lockout.RefuseBarred(user, AuthenticationMethod.Passkey, cancellationToken);
            return SignInOutcome.Failed;
        }

        if (state is null)
        {
            await lockout.RegisterFailure(user, AuthenticationMethod.Passkey, cancellationToken, FailureReason.InvalidChallenge);
            return SignInOutcome.Failed;
        }

        var result = await passkeys.PerformAssertionAsync(new PasskeyAssertionContext
        {
            CredentialJson = request.CredentialJson,
            AssertionState = state,
            HttpContext = http.HttpContext!,
        });
        if (!result.Succeeded || result.User.Id != user.Id)
        {
            LogRejected(logger, user.Id, result.Failure?.Message ?? "the passkey belongs to another account");
            await lockout.RegisterFailure(user, AuthenticationMethod.Passkey, cancellationToken, FailureReason.PasskeyRejected);
            return SignInOutcome.Failed;
        }

        var stored = await db.Passkeys.SingleAsync(p => p.UserId == user.Id && p.CredentialId == result.Passkey.CredentialId, cancellationToken);
        stored.SignCount = result.Passkey.SignCount;
        stored.IsBackedUp = result.Passkey.IsBackedUp;
        stored.LastUsedAt = time.GetUtcNow();
        return completion.Complete(user, Methods, forPage: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey sign-in for user {UserId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid userId, string reason);
}
