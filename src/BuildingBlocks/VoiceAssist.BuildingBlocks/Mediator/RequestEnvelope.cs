using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Carries a project request through MediatR, so contracts never depend on the mediator library.</summary>
public interface IRequestEnvelope
{
    object Request { get; }
}

internal sealed record RequestEnvelope<TRequest, TResponse>(TRequest Inner) : MediatR.IRequest<TResponse>, IRequestEnvelope
    where TRequest : IRequest<TResponse>
{
    public object Request => Inner;
}

internal sealed class RequestEnvelopeHandler<TRequest, TResponse>(IRequestHandler<TRequest, TResponse> handler)
    : MediatR.IRequestHandler<RequestEnvelope<TRequest, TResponse>, TResponse>
    where TRequest : IRequest<TResponse>
{
    public Task<TResponse> Handle(RequestEnvelope<TRequest, TResponse> request, CancellationToken cancellationToken) =>
        handler.Handle(request.Inner, cancellationToken);
}

internal sealed record EventNotification<TEvent>(TEvent Event) : MediatR.INotification
    where TEvent : IIntegrationEvent;

internal sealed class EventNotificationHandler<TEvent>(IIntegrationEventConsumer<TEvent> consumer)
    : MediatR.INotificationHandler<EventNotification<TEvent>>
    where TEvent : IIntegrationEvent
{
    public Task Handle(EventNotification<TEvent> notification, CancellationToken cancellationToken) =>
        consumer.Consume(notification.Event, cancellationToken);
}
