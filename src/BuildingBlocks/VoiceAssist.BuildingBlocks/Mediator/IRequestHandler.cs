using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Handles one request type. Implementations live in the module that owns the request's data.</summary>
public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}

/// <summary>Consumes one integration event type inside the consuming module.</summary>
public interface IIntegrationEventConsumer<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task Consume(TEvent integrationEvent, CancellationToken cancellationToken);
}
