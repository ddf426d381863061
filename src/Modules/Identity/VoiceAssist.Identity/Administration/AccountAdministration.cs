using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Administration;

/// <summary>What every account administration request shares: the acting administrator, the account locked for the
/// change, the rule that no administrator removes their own access or the last active administrator's, and the
/// audited record of the change.</summary>
internal sealed class AccountAdministration(IdentityDbContext db, ICurrentUser caller, AdministrativeChanges changes, TimeProvider time)
{
    public const string ResourceType = "user";

    /// <summary>The signed-in administrator; anyone else is refused, whichever page or endpoint sent the request.</summary>
    public Guid Actor() =>
        caller.UserId is { } id && caller.IsInRole(Roles.Admin)
            ? id
            : throw new ForbiddenException("Only an administrator can manage accounts.");

    /// <summary>The account, locked for this transaction. Every administrator's row is locked first, always in id
    /// order, so two administrators acting on each other at once are judged one after the other (and cannot deadlock).</summary>
    public async Task<User> Load(Guid userId, CancellationToken cancellationToken)
    {
        await db.Users.FromSql($"SELECT * FROM identity.users WHERE role = 'admin' ORDER BY id FOR UPDATE").ToListAsync(cancellationToken);
        return await db.ForUpdate(userId, cancellationToken) ?? throw new NotFoundException("User", userId);
    }

    /// <summary>Refuses (conflict) a change that would take away the acting administrator's own access, or leave no
    /// active administrator. Call after <see cref="Load"/>, which holds the administrators' rows.</summary>
    public async Task RefuseSelfOrLastAdministrator(User target, Guid actorId, string doing, CancellationToken cancellationToken)
    {
        if (target.Id == actorId)
        {
            throw new ConflictException($"You cannot {doing} your own account. Ask another administrator.");
        }

        if (target.Role == Roles.Admin && target.DisabledAt is null
            && !await db.Users.AnyAsync(ActiveAdministrator(db, except: target.Id), cancellationToken))
        {
            throw new ConflictException($"You cannot {doing} the last active administrator. Make another account an administrator first.");
        }
    }

    /// <summary>An administrator who can sign in: not disabled, and with a password or a single sign-on link.</summary>
    public static System.Linq.Expressions.Expression<Func<User, bool>> ActiveAdministrator(IdentityDbContext db, Guid except) =>
        u => u.Id != except && u.Role == Roles.Admin && u.DisabledAt == null
             && (u.PasswordHash != null || db.ExternalLogins.Any(l => l.UserId == u.Id));

    /// <summary>The account's status now.</summary>
    public async Task<string> StatusOf(User user, CancellationToken cancellationToken) =>
        AccountStatus.Of(
            user.DisabledAt is not null,
            user.LockoutEnabled && user.LockoutEnd > time.GetUtcNow(),
            user.PasswordHash is null && await db.Invitations.AnyAsync(i => i.UserId == user.Id && i.AcceptedAt == null, cancellationToken));

    /// <summary>Adds the audited record of the change to the outbox, in the change's own transaction. The values are
    /// snapshots of what changed; never pass a secret.</summary>
    public void Record(string action, Guid userId, string? reason, object? before, object? after) =>
        db.AddIntegrationEvent(changes.Describe(
            action, ResourceType, userId.ToString(), reason,
            before is null ? null : AdministrativeChanges.Snapshot(before),
            after is null ? null : AdministrativeChanges.Snapshot(after)));

    /// <summary>A new security stamp: MFA tokens handed out by an earlier password step stop working.</summary>
    public static void RenewSecurityStamp(User user) => user.SecurityStamp = Guid.NewGuid().ToString("N");
}

/// <summary>An account's status from its state; the order of the checks is the order of precedence.</summary>
internal static class AccountStatus
{
    public static string Of(bool disabled, bool locked, bool invited) =>
        disabled ? UserStatus.Disabled : locked ? UserStatus.Locked : invited ? UserStatus.Invited : UserStatus.Active;
}

/// <summary>The names of the audited account changes.</summary>
internal static class AccountActions
{
    public const string Invited = "identity.user.invited";
    public const string RoleChanged = "identity.user.role_changed";
    public const string Disabled = "identity.user.disabled";
    public const string Enabled = "identity.user.enabled";
    public const string Unlocked = "identity.user.unlocked";
    public const string MfaReset = "identity.user.mfa_reset";
    public const string SessionEnded = "identity.user.session_ended";
    public const string SessionsEnded = "identity.user.sessions_ended";
    public const string Offboarded = "identity.user.offboarded";
}
