using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts;

/// <summary>An account was created. Carries no personal data beyond the id and role: consumers that need more ask.</summary>
public sealed record UserCreated(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string Role) : IIntegrationEvent;
