using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>Base of every integration event consumer. Delivery is at least once, so the consumer records the
/// message id in its module's inbox in the same transaction as its own change: a redelivered message finds
/// its inbox row and does nothing.</summary>
public abstract class IdempotentConsumer<TEvent, TDbContext>(TDbContext db) : IIntegrationEventConsumer<TEvent>
    where TEvent : IIntegrationEvent
    where TDbContext : ModuleDbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>The inbox key; stable across releases, so by default the type's full name. A generic consumer names
    /// itself per event type (a closed generic type's full name carries assembly versions).</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    public async Task Consume(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable EF1002 // the schema is the module's own constant, never user input; values are parameters
        var firstDelivery = await Db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {Db.Schema}.inbox_messages (message_id, consumer, processed_at) VALUES ({{0}}, {{1}}, now()) ON CONFLICT DO NOTHING",
            [integrationEvent.EventId, ConsumerName],
            cancellationToken).ConfigureAwait(false) == 1;
#pragma warning restore EF1002
        if (!firstDelivery)
        {
            return;
        }

        await Handle(integrationEvent, cancellationToken).ConfigureAwait(false);
        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the event to this module's data through <see cref="Db"/>; saving is done by the base.</summary>
    protected abstract Task Handle(TEvent integrationEvent, CancellationToken cancellationToken);
}
