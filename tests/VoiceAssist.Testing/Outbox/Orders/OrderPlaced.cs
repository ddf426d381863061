using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Testing.Outbox.Orders;

/// <summary>The integration event of the sample "orders" module used to exercise the outbox.</summary>
public sealed record OrderPlaced(Guid EventId, DateTimeOffset OccurredAt, Guid OrderId, bool Poison) : IIntegrationEvent;
