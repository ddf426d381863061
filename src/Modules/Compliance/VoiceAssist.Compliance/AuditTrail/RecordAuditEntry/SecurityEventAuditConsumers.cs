using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;

// Identity's security events (HIPAA 164.312(b) audit controls; ASVS V7 session and V6 authentication logging): one
// audit entry each, naming the account as the resource. The events carry ids and outcomes only, never secrets.

internal sealed class AuditUserSignedIn(ComplianceDbContext db) : IdempotentConsumer<UserSignedIn, ComplianceDbContext>(db)
{
    protected override Task Handle(UserSignedIn e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.SignedIn, "user", e.UserId.ToString(), e.UserId.ToString());
        entry.SessionId = e.SessionId.ToString();
        entry.Outcome = AuditOutcomes.Succeeded;
        entry.Reason = string.Join('+', e.Methods);
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditSignInFailed(ComplianceDbContext db) : IdempotentConsumer<SignInFailed, ComplianceDbContext>(db)
{
    protected override Task Handle(SignInFailed e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.SignInFailed, "user", e.UserId?.ToString() ?? "", e.UserId?.ToString());
        entry.Outcome = AuditOutcomes.Failed;
        entry.Reason = $"{e.Method}: {e.Reason} (attempt {e.FailedAttempts})";
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditUserLockedOut(ComplianceDbContext db) : IdempotentConsumer<UserLockedOut, ComplianceDbContext>(db)
{
    protected override Task Handle(UserLockedOut e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.LockedOut, "user", e.UserId.ToString());
        entry.Reason = $"{e.FailedAttempts} failed attempts; locked until {e.LockedUntil:O}";
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditUserRoleChanged(ComplianceDbContext db) : IdempotentConsumer<UserRoleChanged, ComplianceDbContext>(db)
{
    protected override Task Handle(UserRoleChanged e, CancellationToken cancellationToken)
    {
        var actor = e.ActorId == Guid.Empty ? null : e.ActorId.ToString();
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.RoleChanged, "user", e.UserId.ToString(), actor);
        entry.Reason = $"{e.OldRole} -> {e.NewRole}";
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditRefreshTokenReuseDetected(ComplianceDbContext db) : IdempotentConsumer<RefreshTokenReuseDetected, ComplianceDbContext>(db)
{
    protected override Task Handle(RefreshTokenReuseDetected e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.RefreshTokenReused, "user", e.UserId.ToString());
        entry.SessionId = e.SessionId.ToString();
        entry.Outcome = AuditOutcomes.Forbidden;
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditSessionRevoked(ComplianceDbContext db) : IdempotentConsumer<SessionRevoked, ComplianceDbContext>(db)
{
    protected override Task Handle(SessionRevoked e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.SessionRevoked, "user", e.UserId.ToString(), (e.ActorId ?? e.UserId).ToString());
        entry.SessionId = e.SessionId.ToString();
        entry.Reason = e.Reason;
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

internal sealed class AuditMfaEnabled(ComplianceDbContext db) : IdempotentConsumer<MfaEnabled, ComplianceDbContext>(db)
{
    protected override Task Handle(MfaEnabled e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.MfaEnabled, e.UserId);
}

internal sealed class AuditMfaDisabled(ComplianceDbContext db) : IdempotentConsumer<MfaDisabled, ComplianceDbContext>(db)
{
    protected override Task Handle(MfaDisabled e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.MfaDisabled, e.UserId);
}

internal sealed class AuditRecoveryCodesRegenerated(ComplianceDbContext db) : IdempotentConsumer<RecoveryCodesRegenerated, ComplianceDbContext>(db)
{
    protected override Task Handle(RecoveryCodesRegenerated e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.RecoveryCodesRegenerated, e.UserId);
}

internal sealed class AuditRecoveryCodeUsed(ComplianceDbContext db) : IdempotentConsumer<RecoveryCodeUsed, ComplianceDbContext>(db)
{
    protected override Task Handle(RecoveryCodeUsed e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.RecoveryCodeUsed, e.UserId, $"{e.CodesLeft} codes left");
}

internal sealed class AuditPasskeyAdded(ComplianceDbContext db) : IdempotentConsumer<PasskeyAdded, ComplianceDbContext>(db)
{
    protected override Task Handle(PasskeyAdded e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.PasskeyAdded, e.UserId, $"passkey {e.PasskeyId}");
}

internal sealed class AuditPasskeyRemoved(ComplianceDbContext db) : IdempotentConsumer<PasskeyRemoved, ComplianceDbContext>(db)
{
    protected override Task Handle(PasskeyRemoved e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.PasskeyRemoved, e.UserId, $"passkey {e.PasskeyId}");
}

internal sealed class AuditPasswordSet(ComplianceDbContext db) : IdempotentConsumer<PasswordSet, ComplianceDbContext>(db)
{
    protected override Task Handle(PasswordSet e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.PasswordSet, e.UserId);
}

internal sealed class AuditPasswordChanged(ComplianceDbContext db) : IdempotentConsumer<PasswordChanged, ComplianceDbContext>(db)
{
    protected override Task Handle(PasswordChanged e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.PasswordChanged, e.UserId);
}

internal sealed class AuditEmailChanged(ComplianceDbContext db) : IdempotentConsumer<EmailChanged, ComplianceDbContext>(db)
{
    protected override Task Handle(EmailChanged e, CancellationToken cancellationToken) =>
        SecurityEventEntries.AccountChange(Db, e, AuditActions.EmailChanged, e.UserId);
}

/// <summary>HIPAA 164.312(a)(2)(ii) emergency access: who opened whose record, why, and until when.</summary>
internal sealed class AuditEmergencyAccessGranted(ComplianceDbContext db) : IdempotentConsumer<EmergencyAccessGranted, ComplianceDbContext>(db)
{
    protected override Task Handle(EmergencyAccessGranted e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.EmergencyAccessGranted, e.ResourceType, e.ResourceId.ToString(), e.UserId.ToString());
        entry.Outcome = AuditOutcomes.Succeeded;
        entry.Reason = $"{e.Reason} (owner {e.OwnerId}; until {e.ExpiresAt:O})";
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}

/// <summary>An account change made by (or for) the account itself: MFA, passkeys, recovery codes, password, email.</summary>
internal static class SecurityEventEntries
{
    public static Task AccountChange<TEvent>(ComplianceDbContext db, TEvent e, string action, Guid userId, string? detail = null)
        where TEvent : SecurityEvent, IIntegrationEvent
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, action, "user", userId.ToString(), userId.ToString());
        entry.Reason = detail;
        db.AuditEntries.Add(WithOrigin(entry, e));
        return Task.CompletedTask;
    }

    /// <summary>The entry with the client address and correlation id of the request behind the event.</summary>
    public static AuditEntry WithOrigin(AuditEntry entry, SecurityEvent e)
    {
        entry.ClientIp ??= e.ClientIp;
        entry.CorrelationId ??= e.CorrelationId;
        return entry;
    }
}

/// <summary>A signed-in caller refused by a role policy (403), on the API or a console page.</summary>
internal sealed class AuditAccessDenied(ComplianceDbContext db) : IdempotentConsumer<AccessDenied, ComplianceDbContext>(db)
{
    protected override Task Handle(AccessDenied e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.AccessDenied, "endpoint", $"{e.Method} {e.Path}", e.UserId?.ToString());
        entry.Outcome = AuditOutcomes.Forbidden;
        entry.ActorRole = e.Role;
        entry.SessionId = e.SessionId?.ToString();
        entry.Reason = e.Policies;
        Db.AuditEntries.Add(SecurityEventEntries.WithOrigin(entry, e));
        return Task.CompletedTask;
    }
}
