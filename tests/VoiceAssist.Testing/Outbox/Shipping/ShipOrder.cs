using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Testing.Outbox.Orders;
using VoiceAssist.Testing.Outbox.Shipping.Data;

namespace VoiceAssist.Testing.Outbox.Shipping;

/// <summary>Lets a test act inside a delivery: fail it, or simulate the process dying.</summary>
public sealed class ShippingHooks
{
    public Func<OrderPlaced, Task>? BeforeHandling { get; set; }
}

/// <summary>Ships every placed order, once; a poison order always fails.</summary>
public sealed class ShipOrder(ShippingDbContext db, ShippingHooks hooks) : IdempotentConsumer<OrderPlaced, ShippingDbContext>(db)
{
    protected override async Task Handle(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        if (hooks.BeforeHandling is { } hook)
        {
            await hook(integrationEvent);
        }

        if (integrationEvent.Poison)
        {
            throw new InvalidOperationException($"Order {integrationEvent.OrderId} cannot be shipped.");
        }

        // The event is created just before the publishing transaction commits, so this slightly overstates the
        // commit-to-consumer latency, never understates it.
        Db.Shipments.Add(new Shipment
        {
            OrderId = integrationEvent.OrderId,
            CommitToConsumedMs = (DateTimeOffset.UtcNow - integrationEvent.OccurredAt).TotalMilliseconds,
        });
    }
}
