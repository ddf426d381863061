using System.Collections.Concurrent;
using MediatR;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>The project's <see cref="Contracts.Messaging.ISender"/> and <see cref="Contracts.Messaging.IPublisher"/>
/// on top of MediatR: swapping the mediator library changes this file only.</summary>
internal sealed class MediatRSender(IMediator mediator) : Contracts.Messaging.ISender, Contracts.Messaging.IPublisher
{
    private static readonly ConcurrentDictionary<(Type, Type), Func<object, object>> EnvelopeFactories = new();
    private static readonly ConcurrentDictionary<Type, Func<IIntegrationEvent, INotification>> NotificationFactories = new();

    public Task<TResponse> Send<TResponse>(Contracts.Messaging.IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var factory = EnvelopeFactories.GetOrAdd((request.GetType(), typeof(TResponse)), static key =>
        {
            var envelopeType = typeof(RequestEnvelope<,>).MakeGenericType(key.Item1, key.Item2);
            return inner => Activator.CreateInstance(envelopeType, inner)!;
        });
        return mediator.Send((MediatR.IRequest<TResponse>)factory(request), cancellationToken);
    }

    public Task Publish(IIntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var factory = NotificationFactories.GetOrAdd(integrationEvent.GetType(), static eventType =>
        {
            var notificationType = typeof(EventNotification<>).MakeGenericType(eventType);
            return evt => (INotification)Activator.CreateInstance(notificationType, evt)!;
        });
        return mediator.Publish(factory(integrationEvent), cancellationToken);
    }
}

/// <summary>Runs every consumer of an event even when one fails, then reports all failures together, so one
/// broken consumer cannot starve the others (the inbox makes the retry a no-op for those that succeeded).</summary>
internal sealed class EveryConsumerMediator(ServiceFactory serviceFactory) : MediatR.Mediator(serviceFactory)
{
    /// <remarks>MediatR 5 hands over a lazy sequence: each consumer starts when it is enumerated, so awaiting one
    /// before moving to the next runs them one at a time.</remarks>
    protected override async Task PublishCore(IEnumerable<Task> allHandlers)
    {
        ArgumentNullException.ThrowIfNull(allHandlers);
        var failures = new List<Exception>();
        using var handlers = allHandlers.GetEnumerator();
        while (true)
        {
            try
            {
                if (!handlers.MoveNext())
                {
                    break;
                }

                await handlers.Current.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // every consumer's failure is collected and rethrown below
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add(ex);
            }
        }

        if (failures.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        if (failures.Count > 1)
        {
            throw new AggregateException(failures);
        }
    }
}
