using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>A watched guideline source changed (new ETag and new content) and its document was queued for
/// re-ingestion; <see cref="DocumentIngested"/> follows once its passages are searchable.</summary>
public sealed record GuidelineUpdated(Guid EventId, DateTimeOffset OccurredAt, string SourceName, string Url, Guid DocumentId, string ContentHash, bool FirstSeen) : IIntegrationEvent;
