using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Voice.Contracts;

namespace VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;

/// <summary>Records audit entries from the other modules' integration events.</summary>
internal static class AuditConsumers
{
    public static AuditEntry Entry(Guid sourceEventId, DateTimeOffset occurredAt, string action, string resourceType, string resourceId, string? actorId = null) =>
        new()
        {
            SourceEventId = sourceEventId,
            OccurredAt = occurredAt,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            ActorId = actorId,
        };
}

internal sealed class AuditDocumentIngested(ComplianceDbContext db) : IdempotentConsumer<DocumentIngested, ComplianceDbContext>(db)
{
    protected override Task Handle(DocumentIngested e, CancellationToken cancellationToken)
    {
        Db.AuditEntries.Add(AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.DocumentIngested, "document", e.DocumentId.ToString()));
        return Task.CompletedTask;
    }
}

internal sealed class AuditUserCreated(ComplianceDbContext db) : IdempotentConsumer<UserCreated, ComplianceDbContext>(db)
{
    protected override Task Handle(UserCreated e, CancellationToken cancellationToken)
    {
        Db.AuditEntries.Add(AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.UserCreated, "user", e.UserId.ToString()));
        return Task.CompletedTask;
    }
}

internal sealed class AuditConversationStarted(ComplianceDbContext db) : IdempotentConsumer<ConversationStarted, ComplianceDbContext>(db)
{
    protected override Task Handle(ConversationStarted e, CancellationToken cancellationToken)
    {
        Db.AuditEntries.Add(AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.ConversationStarted, "conversation", e.ConversationId.ToString(), e.OwnerId));
        return Task.CompletedTask;
    }
}

internal sealed class AuditConnectorConfigured(ComplianceDbContext db) : IdempotentConsumer<ConnectorConfigured, ComplianceDbContext>(db)
{
    protected override Task Handle(ConnectorConfigured e, CancellationToken cancellationToken)
    {
        Db.AuditEntries.Add(AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.ConnectorConfigured, "connector", e.Kind));
        return Task.CompletedTask;
    }
}

internal sealed class AuditPhiAccessed(ComplianceDbContext db) : IdempotentConsumer<PhiAccessed, ComplianceDbContext>(db)
{
    protected override Task Handle(PhiAccessed e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, AuditActions.PhiAccessPrefix + e.Request, e.ResourceType, e.ResourceId ?? "", e.ActorId);
        entry.Outcome = e.Outcome;
        entry.CorrelationId = e.CorrelationId;
        entry.ActorRole = e.ActorRole;
        entry.SessionId = e.SessionId;
        entry.ClientIp = e.ClientIp;
        Db.AuditEntries.Add(entry);
        return Task.CompletedTask;
    }
}

internal sealed class AuditAdministrativeChange(ComplianceDbContext db) : IdempotentConsumer<AdministrativeChange, ComplianceDbContext>(db)
{
    protected override Task Handle(AdministrativeChange e, CancellationToken cancellationToken)
    {
        var entry = AuditConsumers.Entry(e.EventId, e.OccurredAt, e.Action, e.ResourceType, e.ResourceId, e.ActorId?.ToString());
        entry.Outcome = AuditOutcomes.Succeeded;
        entry.Reason = e.Reason;
        entry.Before = e.Before;
        entry.After = e.After;
        entry.ActorRole = e.ActorRole;
        entry.SessionId = e.SessionId;
        entry.ClientIp = e.ClientIp;
        entry.CorrelationId = e.CorrelationId;
        Db.AuditEntries.Add(entry);
        return Task.CompletedTask;
    }
}
