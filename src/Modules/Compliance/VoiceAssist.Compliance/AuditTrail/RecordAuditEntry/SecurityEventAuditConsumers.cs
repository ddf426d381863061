using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;

/// <summary>Records each of Identity's security events (HIPAA 164.312(b) audit controls; ASVS V7 session and V6
/// authentication logging) as one audit entry with the client address and correlation id of the request behind it.
/// One consumer, closed over every <see cref="SecurityEvent"/> type (<see cref="SecurityEventAudit.EventTypes"/>); what
/// each event says is in <see cref="SecurityEventAudit.Entry"/>. The events carry ids and outcomes only, never secrets.</summary>
internal sealed class AuditSecurityEvent<TEvent>(ComplianceDbContext db) : IdempotentConsumer<TEvent, ComplianceDbContext>(db)
    where TEvent : SecurityEvent, IIntegrationEvent
{
    /// <summary>The name each event's consumer had as a class of its own, so inbox rows written before stay valid.</summary>
    protected override string ConsumerName => $"{typeof(SecurityEventAudit).Namespace}.Audit{typeof(TEvent).Name}";

    protected override Task Handle(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var entry = SecurityEventAudit.Entry(integrationEvent);
        entry.ClientIp ??= integrationEvent.ClientIp;
        entry.CorrelationId ??= integrationEvent.CorrelationId;
        Db.AuditEntries.Add(entry);
        return Task.CompletedTask;
    }
}

/// <summary>What the audit trail says for each security event: action, resource, actor, outcome, session, reason.</summary>
internal static class SecurityEventAudit
{
    /// <summary>Every security event type Identity publishes.</summary>
    public static IReadOnlyList<Type> EventTypes { get; } =
        [.. typeof(SecurityEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(SecurityEvent)))];

    public static AuditEntry Entry(SecurityEvent e) => e switch
    {
        UserSignedIn x => With(User(x.EventId, x.OccurredAt, AuditActions.SignedIn, x.UserId, x.UserId), AuditOutcomes.Succeeded, string.Join('+', x.Methods), x.SessionId),
        SignInFailed x => With(
            AuditConsumers.Entry(x.EventId, x.OccurredAt, AuditActions.SignInFailed, "user", x.UserId?.ToString() ?? "", x.UserId?.ToString()),
            AuditOutcomes.Failed, $"{x.Method}: {x.Reason} (attempt {x.FailedAttempts})"),
        UserLockedOut x => With(User(x.EventId, x.OccurredAt, AuditActions.LockedOut, x.UserId, actor: null), reason: $"{x.FailedAttempts} failed attempts; locked until {x.LockedUntil:O}"),
        UserRoleChanged x => With(User(x.EventId, x.OccurredAt, AuditActions.RoleChanged, x.UserId, x.ActorId == Guid.Empty ? null : x.ActorId), reason: $"{x.OldRole} -> {x.NewRole}"),
        RefreshTokenReuseDetected x => With(User(x.EventId, x.OccurredAt, AuditActions.RefreshTokenReused, x.UserId, actor: null), AuditOutcomes.Forbidden, session: x.SessionId),
        SessionRevoked x => With(User(x.EventId, x.OccurredAt, AuditActions.SessionRevoked, x.UserId, x.ActorId ?? x.UserId), reason: x.Reason, session: x.SessionId),
        MfaEnabled x => User(x.EventId, x.OccurredAt, AuditActions.MfaEnabled, x.UserId, x.UserId),
        MfaDisabled x => User(x.EventId, x.OccurredAt, AuditActions.MfaDisabled, x.UserId, x.UserId),
        RecoveryCodesRegenerated x => User(x.EventId, x.OccurredAt, AuditActions.RecoveryCodesRegenerated, x.UserId, x.UserId),
        RecoveryCodeUsed x => With(User(x.EventId, x.OccurredAt, AuditActions.RecoveryCodeUsed, x.UserId, x.UserId), reason: $"{x.CodesLeft} codes left"),
        PasskeyAdded x => With(User(x.EventId, x.OccurredAt, AuditActions.PasskeyAdded, x.UserId, x.UserId), reason: $"passkey {x.PasskeyId}"),
        PasskeyRemoved x => With(User(x.EventId, x.OccurredAt, AuditActions.PasskeyRemoved, x.UserId, x.UserId), reason: $"passkey {x.PasskeyId}"),
        PasswordSet x => User(x.EventId, x.OccurredAt, AuditActions.PasswordSet, x.UserId, x.UserId),
        PasswordChanged x => User(x.EventId, x.OccurredAt, AuditActions.PasswordChanged, x.UserId, x.UserId),
        EmailChanged x => User(x.EventId, x.OccurredAt, AuditActions.EmailChanged, x.UserId, x.UserId),

        // HIPAA 164.312(a)(2)(ii) emergency access: who opened whose record, why, and until when.
        EmergencyAccessGranted x => With(
            AuditConsumers.Entry(x.EventId, x.OccurredAt, AuditActions.EmergencyAccessGranted, x.ResourceType, x.ResourceId.ToString(), x.UserId.ToString()),
            AuditOutcomes.Succeeded, $"{x.Reason} (owner {x.OwnerId}; until {x.ExpiresAt:O})"),

        // A signed-in caller refused by a role policy (403), on the API or a console page.
        AccessDenied x => AccessRefused(x),
        _ => throw new InvalidOperationException($"No audit entry is defined for the security event {e.GetType().Name}."),
    };

    private static AuditEntry User(Guid eventId, DateTimeOffset occurredAt, string action, Guid userId, Guid? actor) =>
        AuditConsumers.Entry(eventId, occurredAt, action, "user", userId.ToString(), actor?.ToString());

    private static AuditEntry With(AuditEntry entry, string? outcome = null, string? reason = null, Guid? session = null)
    {
        entry.Outcome = outcome ?? entry.Outcome;
        entry.Reason = reason ?? entry.Reason;
        entry.SessionId = session?.ToString() ?? entry.SessionId;
        return entry;
    }

    private static AuditEntry AccessRefused(AccessDenied e)
    {
        var entry = With(
            AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.AccessDenied, "endpoint", $"{e.Method} {e.Path}", e.UserId?.ToString()),
            AuditOutcomes.Forbidden, e.Policies, e.SessionId);
        entry.ActorRole = e.Role;
        return entry;
    }
}
