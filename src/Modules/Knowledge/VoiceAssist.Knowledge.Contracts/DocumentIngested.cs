using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>A document entered the knowledge base and can be searched.</summary>
public sealed record DocumentIngested(Guid EventId, DateTimeOffset OccurredAt, Guid DocumentId, string Title, int CharacterCount) : IIntegrationEvent;
