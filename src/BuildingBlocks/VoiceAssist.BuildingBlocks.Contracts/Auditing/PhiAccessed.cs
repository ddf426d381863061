using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Contracts.Auditing;

/// <summary>A request marked <see cref="TouchesPhiAttribute"/> was handled (or refused). Written to the handling
/// module's outbox by the mediator pipeline; the Compliance module records it in the audit trail. Carries ids only,
/// never the request's content.</summary>
/// <param name="EventId">Unique id of this access; the audit entry's source event.</param>
/// <param name="OccurredAt">When the request finished.</param>
/// <param name="Request">The request type's name, for example <c>GetConversation</c>.</param>
/// <param name="ResourceType">What was touched, for example <c>conversation</c>.</param>
/// <param name="ResourceId">Its id, when the request names one.</param>
/// <param name="ActorId">The signed-in user's id, or the caller id the request carried.</param>
/// <param name="ActorRole">The user's roles, comma-separated.</param>
/// <param name="SessionId">The sign-in session.</param>
/// <param name="ClientIp">The client address (after trusted forwarded headers).</param>
/// <param name="CorrelationId">The request's correlation id, as in its log lines.</param>
/// <param name="Outcome"><c>succeeded</c>, <c>not_found</c>, <c>forbidden</c>, <c>invalid</c> or <c>failed</c>.</param>
public sealed record PhiAccessed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Request,
    string ResourceType,
    string? ResourceId,
    string? ActorId,
    string? ActorRole,
    string? SessionId,
    string? ClientIp,
    string? CorrelationId,
    string Outcome) : IIntegrationEvent;
