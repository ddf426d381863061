using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>A document entered the knowledge base (or its content was replaced) and can be searched.</summary>
public sealed record DocumentIngested(Guid EventId, DateTimeOffset OccurredAt, Guid DocumentId, string Title, int CharacterCount) : IIntegrationEvent
{
    public string? ExternalId { get; init; }

    public int ChunkCount { get; init; }

    /// <summary>True when an earlier version of the same document was replaced.</summary>
    public bool Replaced { get; init; }

    /// <summary>The account that added the document (uploaded, imported or ingested it from PubMed); null when no
    /// signed-in user did (a watched guideline, the import folder, the demo corpus).</summary>
    public Guid? ActorId { get; init; }
}

/// <summary>A document and all its passages left the knowledge base.</summary>
public sealed record DocumentDeleted(Guid EventId, DateTimeOffset OccurredAt, Guid DocumentId, string Title) : IIntegrationEvent;
