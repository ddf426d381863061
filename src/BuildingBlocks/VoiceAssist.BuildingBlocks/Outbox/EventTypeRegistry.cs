namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>An event type that some module in this process consumes.</summary>
public sealed record ConsumedEventType(Type EventType);

/// <summary>Maps the type name stored with an outbox message back to the contract type to deserialize.</summary>
internal sealed class EventTypeRegistry(IEnumerable<ConsumedEventType> consumed)
{
    private readonly Dictionary<string, Type> byName = consumed
        .Select(c => c.EventType)
        .Distinct()
        .ToDictionary(EventTypeName.Of, StringComparer.Ordinal);

    /// <summary>The contract type, or null when nothing in this process consumes the event.</summary>
    public Type? Find(string typeName) => byName.GetValueOrDefault(typeName);
}
