namespace VoiceAssist.BuildingBlocks.Contracts.Messaging;

/// <summary>Delivers an integration event to every in-process consumer. Only the outbox dispatcher calls it:
/// modules publish by writing the event to their outbox in the same transaction as their change.</summary>
public interface IPublisher
{
    Task Publish(IIntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}
