using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Contracts;

/// <summary>A clinician opened a conversation. Carries ids only: conversation content is PHI and stays in Voice.</summary>
public sealed record ConversationStarted(Guid EventId, DateTimeOffset OccurredAt, Guid ConversationId, string OwnerId) : IIntegrationEvent;
