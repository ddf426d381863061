namespace VoiceAssist.BuildingBlocks.Contracts.Messaging;

/// <summary>A fact one module publishes for others, delivered at least once through the outbox.</summary>
public interface IIntegrationEvent
{
    /// <summary>Unique id of this occurrence; consumers de-duplicate on it.</summary>
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
