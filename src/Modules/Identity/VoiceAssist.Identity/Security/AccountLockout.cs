using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Security;

/// <summary>One failure counter per account, shared by every way of proving who you are (password, TOTP, recovery
/// code, re-authentication) so that no factor gets its own budget of guesses. After
/// <see cref="LockoutSettings.MaxFailedAttempts"/> failures the account locks, and each further failure after a lock
/// has passed doubles the next lock, up to <see cref="LockoutSettings.MaxLockout"/>. Attempts during a lock are
/// refused without counting, so an attacker cannot lengthen it. Only a complete sign-in resets the counter: a correct
/// password followed by wrong codes keeps counting.</summary>
internal sealed class AccountLockout(IdentityDbContext db, IOptionsSnapshot<LockoutSettings> options, TimeProvider time)
{
    /// <summary>Whether the account may not take any sign-in step now: disabled by an administrator, or locked out.
    /// Every way in (password, TOTP or recovery code, refresh token, page session, passkey, single sign-on,
    /// re-authentication) asks this before anything else.</summary>
    public bool IsBarred(User user) => user.DisabledAt is not null || IsLockedOut(user);

    public bool IsLockedOut(User user) => user.LockoutEnabled && user.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>Records a refused attempt on a barred account, without counting it as a failure.</summary>
    public void RefuseBarred(User user, string method) =>
        db.AddIntegrationEvent(new SignInFailed(
            Guid.CreateVersion7(), time.GetUtcNow(), user.Id, method,
            user.DisabledAt is null ? FailureReason.LockedOut : FailureReason.AccountDisabled, user.AccessFailedCount));

    public void RegisterFailure(User user, string method, string reason = FailureReason.WrongSecret)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        user.AccessFailedCount++;
        db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), now, user.Id, method, reason, user.AccessFailedCount));
        if (!user.LockoutEnabled || user.AccessFailedCount < settings.MaxFailedAttempts)
        {
            return;
        }

        var doublings = Math.Min(user.AccessFailedCount - settings.MaxFailedAttempts, 30);
        var lockout = TimeSpan.FromTicks(Math.Min(settings.FirstLockout.Ticks * (1L << doublings), settings.MaxLockout.Ticks));
        user.LockoutEnd = now + lockout;
        db.AddIntegrationEvent(new UserLockedOut(Guid.CreateVersion7(), now, user.Id, user.LockoutEnd.Value, user.AccessFailedCount));
    }

    public static void RegisterSuccess(User user)
    {
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
    }
}
