using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Contracts.Auditing;

/// <summary>An administrator changed something through the console (an account's role, a policy value, a model
/// setting, a knowledge source). The module that owns what changed writes it to its outbox in the same transaction as
/// the change; the Compliance module records it in the audit trail. <see cref="Before"/> and <see cref="After"/> are
/// the changed values as short text or JSON, never a secret: a write-only value appears as <c>"(set)"</c> or
/// <c>"(unchanged)"</c>.</summary>
/// <param name="EventId">Unique id of this change; the audit entry's source event.</param>
/// <param name="OccurredAt">When the change was saved.</param>
/// <param name="ActorId">The administrator who made it; null only for the anonymous development caller of a host that
/// does not enforce sign-in (Development, Testing).</param>
/// <param name="Action">The audit action name, for example <c>identity.user.disabled</c>.</param>
/// <param name="ResourceType">What changed, for example <c>user</c> or <c>policy</c>.</param>
/// <param name="ResourceId">Its id or key.</param>
/// <param name="Reason">The reason the administrator gave, where the console asks for one.</param>
/// <param name="Before">The value before the change, or null when something was created.</param>
/// <param name="After">The value after the change, or null when something was removed.</param>
/// <param name="ActorRole">The administrator's roles, comma-separated.</param>
/// <param name="SessionId">The sign-in session the change was made in.</param>
/// <param name="ClientIp">The client address (after trusted forwarded headers).</param>
/// <param name="CorrelationId">The request's correlation id, as in its log lines.</param>
public sealed record AdministrativeChange(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string Action,
    string ResourceType,
    string ResourceId,
    string? Reason,
    string? Before,
    string? After,
    string? ActorRole,
    string? SessionId,
    string? ClientIp,
    string? CorrelationId) : IIntegrationEvent;
