using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Security;

/// <summary>Throttles guessing per account and client address. Every way of proving who you are (password, TOTP,
/// recovery code, passkey, re-authentication) counts into one counter per account and address, so no factor gets its
/// own budget. After <see cref="LockoutSettings.MaxFailedAttempts"/> failures, sign-in to that account from that
/// address is locked for <see cref="LockoutSettings.Duration"/>, no longer; when the lock ends, or after a quiet
/// period of the same length, the count starts again. Attempts during a lock are refused without counting, and a
/// lock earned from one address never bars another, so a trickle of wrong passwords cannot keep the owner out.
/// The owner is told (a notice in their security list, and the <see cref="UserLockedOut"/> event for the audit
/// trail); an administrator can lift every lock of an account at once.</summary>
internal sealed class AccountLockout(IdentityDbContext db, IOptionsSnapshot<LockoutSettings> options, RequestOrigin origin, TimeProvider time)
{
    private string Address => origin.ClientAddress ?? RequestOrigin.UnknownAddress;

    /// <summary>An administrator disabled the account: no sign-in step and no session continues. A lock does not end
    /// sessions: it throttles guesses, and must not become a way to throw the owner out.</summary>
    public static bool IsDisabled(User user) => user.DisabledAt is not null;

    /// <summary>Whether the account may not take a sign-in step from this request's address now: disabled, or
    /// locked for this address. Every sign-in step asks this before judging the secret.</summary>
    public async Task<bool> IsBarred(User user, CancellationToken cancellationToken) =>
        IsDisabled(user) || await IsLockedOut(user, cancellationToken).ConfigureAwait(false);

    public async Task<bool> IsLockedOut(User user, CancellationToken cancellationToken) =>
        user.LockoutEnabled && (await Current(user, cancellationToken).ConfigureAwait(false))?.LockedUntil is { } until && until > time.GetUtcNow();

    /// <summary>Records a refused attempt on a barred account, without counting it as a failure.</summary>
    public async Task RefuseBarred(User user, string method, CancellationToken cancellationToken)
    {
        var throttle = await Current(user, cancellationToken).ConfigureAwait(false);
        db.AddIntegrationEvent(new SignInFailed(
            Guid.CreateVersion7(), time.GetUtcNow(), user.Id, method,
            IsDisabled(user) ? FailureReason.AccountDisabled : FailureReason.LockedOut, throttle?.FailedAttempts ?? 0));
    }

    public async Task RegisterFailure(User user, string method, CancellationToken cancellationToken, string reason = FailureReason.WrongSecret)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var throttle = await Current(user, cancellationToken).ConfigureAwait(false);
        if (throttle is null)
        {
            throttle = new SignInThrottle { UserId = user.Id, ClientAddress = Address };
            db.SignInThrottles.Add(throttle);
        }

        throttle.FailedAttempts++;
        throttle.LastFailureAt = now;
        db.AddIntegrationEvent(new SignInFailed(Guid.CreateVersion7(), now, user.Id, method, reason, throttle.FailedAttempts));
        if (!user.LockoutEnabled || throttle.FailedAttempts < settings.MaxFailedAttempts)
        {
            return;
        }

        throttle.LockedUntil = now + settings.Duration;
        // The console shows an account as locked while any address is: the latest lock's end and its count.
        user.LockoutEnd = user.LockoutEnd is { } end && end > throttle.LockedUntil ? end : throttle.LockedUntil;
        user.AccessFailedCount = throttle.FailedAttempts;
        db.SecurityNotices.Add(new SecurityNotice
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, Kind = SecurityNoticeKind.SignInLocked, ClientAddress = Address, OccurredAt = now, Until = throttle.LockedUntil,
        });
        db.AddIntegrationEvent(new UserLockedOut(Guid.CreateVersion7(), now, user.Id, throttle.LockedUntil.Value, throttle.FailedAttempts));
    }

    /// <summary>A complete sign-in from this address clears its count (read by the sign-in step's check before).</summary>
    public void RegisterSuccess(User user)
    {
        foreach (var throttle in db.SignInThrottles.Local.Where(t => t.UserId == user.Id && t.ClientAddress == Address).ToList())
        {
            db.SignInThrottles.Remove(throttle);
        }

        if (user.LockoutEnd is { } end && end <= time.GetUtcNow())
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }
    }

    /// <summary>An administrator lifts every lock of the account, from every address, and clears the counts.</summary>
    public async Task Unlock(User user, CancellationToken cancellationToken)
    {
        db.SignInThrottles.RemoveRange(await db.SignInThrottles.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
    }

    /// <summary>This address's counter for the account, started again when its lock ended or after a quiet period.</summary>
    private async Task<SignInThrottle?> Current(User user, CancellationToken cancellationToken)
    {
        var address = Address;
        var throttle = db.SignInThrottles.Local.FirstOrDefault(t => t.UserId == user.Id && t.ClientAddress == address)
            ?? await db.SignInThrottles.FirstOrDefaultAsync(t => t.UserId == user.Id && t.ClientAddress == address, cancellationToken).ConfigureAwait(false);
        if (throttle is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expired = throttle.LockedUntil is { } until ? until <= now : throttle.LastFailureAt + options.Value.Duration <= now;
        if (expired)
        {
            throttle.FailedAttempts = 0;
            throttle.LockedUntil = null;
        }

        return throttle;
    }
}
