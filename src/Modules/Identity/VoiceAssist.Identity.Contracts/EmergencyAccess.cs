using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts;

/// <summary>The kinds of object emergency ("break-glass") access can open.</summary>
public static class EmergencyAccessResources
{
    public const string Conversation = "conversation";
}

/// <summary>Records that <paramref name="UserId"/> opened another user's object in an emergency, for the stated
/// reason, for the configured time (<c>Identity:BreakGlass:Duration</c>). The module that owns the object checks it
/// exists first; the grant and its security event are saved together (HIPAA §164.312(a)(2)(ii)).</summary>
public sealed record GrantEmergencyAccess(Guid UserId, string ResourceType, Guid ResourceId, string OwnerId, string Reason)
    : ICommand<EmergencyAccessGrant>;

/// <summary>A grant in force.</summary>
public sealed record EmergencyAccessGrant(Guid GrantId, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

/// <summary>The grant in force for this user and object, or null when there is none (or it has expired).</summary>
public sealed record FindEmergencyAccess(Guid UserId, string ResourceType, Guid ResourceId) : IQuery<EmergencyAccessGrant?>;

/// <summary>Break-glass: a user opened another user's object in an emergency. Carries the stated reason, which the
/// audit trail keeps and reviewers read.</summary>
public sealed record EmergencyAccessGranted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid GrantId,
    Guid UserId,
    string ResourceType,
    Guid ResourceId,
    string OwnerId,
    string Reason,
    DateTimeOffset ExpiresAt) : SecurityEvent, IIntegrationEvent;
