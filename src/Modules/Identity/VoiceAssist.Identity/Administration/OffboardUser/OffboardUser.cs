using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Administration.OffboardUser;

internal sealed class OffboardUserValidator : AbstractValidator<Contracts.Administration.OffboardUser>
{
    public OffboardUserValidator() => RuleFor(r => r.Reason).RequiredReason();
}

/// <summary>What deleting the account does, for the console to state before the administrator confirms.</summary>
internal sealed class DescribeOffboardingHandler(AccountAdministration administration, OffboardingPlanner planner)
    : IRequestHandler<DescribeOffboarding, OffboardingPlan>
{
    public async Task<OffboardingPlan> Handle(DescribeOffboarding request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        return await planner.Plan(user, cancellationToken);
    }
}

/// <summary>Deletes the account in one transaction: its sessions end first (each <see cref="SessionRevoked"/>, so open
/// voice sockets close), then the row goes and with it, by cascade, the invitations, recovery codes, sessions and
/// refresh tokens, passkeys and single sign-on links. Emergency access grants and the audit trail keep the account id.
/// <see cref="UserOffboarded"/> tells the modules that hold data under that id.</summary>
internal sealed class OffboardUserHandler(
    IdentityDbContext db, AccountAdministration administration, OffboardingPlanner planner, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<Contracts.Administration.OffboardUser, OffboardingPlan>
{
    public async Task<OffboardingPlan> Handle(Contracts.Administration.OffboardUser request, CancellationToken cancellationToken)
    {
        var actor = administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        await administration.RefuseSelfOrLastAdministrator(user, actor, "delete", cancellationToken);
        var plan = await planner.Plan(user, cancellationToken);
        var status = await administration.StatusOf(user, cancellationToken);

        await sessions.RevokeAll(user.Id, RevocationReason.AccountDeleted, actor, except: null, cancellationToken);
        administration.Record(
            AccountActions.Offboarded, user.Id, request.Reason,
            new { role = user.Role, status, consequences = plan.Consequences.Select(c => new { c.Data, c.Count, c.Outcome }) },
            after: null);
        db.AddIntegrationEvent(new UserOffboarded(Guid.CreateVersion7(), time.GetUtcNow(), user.Id, actor));
        db.Users.Remove(user);
        return plan;
    }
}

/// <summary>The account's data, kind by kind, with what offboarding does to each. Identity counts what it holds; the
/// conversations, recordings and patient documents are other modules' data, which it cannot count.</summary>
internal sealed class OffboardingPlanner(IdentityDbContext db, TimeProvider time)
{
    public async Task<OffboardingPlan> Plan(User user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await db.Sessions.Where(Session.ActiveAt(now)).CountAsync(s => s.UserId == user.Id, cancellationToken);
        var passkeys = await db.Passkeys.CountAsync(p => p.UserId == user.Id, cancellationToken);
        var recoveryCodes = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken);
        var links = await db.ExternalLogins.CountAsync(l => l.UserId == user.Id, cancellationToken);
        var grants = await db.EmergencyAccessGrants.CountAsync(g => g.UserId == user.Id, cancellationToken);
        return new OffboardingPlan(user.Id, user.Email!, user.DisplayName, user.Role,
        [
            new("Sessions", sessions, OffboardingOutcome.Ended,
                "Every session ends at once: its tokens stop working and open voice sockets close."),
            new("Account", 1, OffboardingOutcome.Deleted,
                "Email address, display name, role and password are deleted. The address can be invited again as a new account."),
            new("Authenticator app and recovery codes", (user.TwoFactorEnabled ? 1 : 0) + recoveryCodes, OffboardingOutcome.Deleted,
                $"The authenticator secret{(recoveryCodes > 0 ? $" and {recoveryCodes} unused recovery codes" : "")} are deleted."),
            new("Passkeys", passkeys, OffboardingOutcome.Deleted, "Every registered passkey is deleted."),
            new("Single sign-on links", links, OffboardingOutcome.Deleted,
                "The links to the identity provider are deleted. If the provider still lets the person sign in and maps them to a role, a new account would be created: remove them there too."),
            new("Audit trail", null, OffboardingOutcome.Kept,
                "Every audit entry by or about the account stays, with the account id, and the chain stays verifiable."),
            new("Emergency access records", grants, OffboardingOutcome.Kept,
                "Break-glass grants stay, with the account id, as the record reviewers check each emergency access against."),
            new("Conversations and recordings", null, OffboardingOutcome.Deleted,
                "Deleted within seconds by the voice service: every conversation with its turns and recordings. Anything under a legal hold stays until the hold is released and the retention period has passed."),
            new("Patient documents", null, OffboardingOutcome.Deleted,
                "Deleted within seconds by the knowledge service, with their passages. Anything under a legal hold stays. Shared documents the user added stay in the knowledge base."),
        ]);
    }
}
