using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Testing.Outbox.Orders.Data;

namespace VoiceAssist.Testing.Outbox.Orders;

/// <summary>Places an order and publishes <see cref="OrderPlaced"/> through the outbox. With
/// <paramref name="FailAfterSaving"/> the handler throws after saving, so the transaction must roll both back.</summary>
public sealed record PlaceOrder(bool Poison = false, bool FailAfterSaving = false) : ICommand<Guid>;

public sealed class PlaceOrderHandler(OrdersDbContext db) : IRequestHandler<PlaceOrder, Guid>
{
    public async Task<Guid> Handle(PlaceOrder request, CancellationToken cancellationToken)
    {
        var order = new Order { Id = Guid.CreateVersion7(), Poison = request.Poison };
        db.Orders.Add(order);
        db.AddIntegrationEvent(new OrderPlaced(Guid.CreateVersion7(), DateTimeOffset.UtcNow, order.Id, order.Poison));
        await db.SaveChangesAsync(cancellationToken);
        if (request.FailAfterSaving)
        {
            throw new InvalidOperationException("The order could not be placed.");
        }

        return order.Id;
    }
}
