using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>Adds (or, for a known <see cref="DocumentMetadata.ExternalId"/>, replaces) a plain-text document.
/// It is searchable by keyword when this returns; its vectors follow in the background.</summary>
public sealed record AddKnowledgeDocument(string Title, string Text, DocumentMetadata? Metadata = null) : ICommand<KnowledgeDocumentAccepted>;

public sealed record DocumentMetadata(
    string? ExternalId = null,
    string? Publisher = null,
    DateOnly? PublishedOn = null,
    string? Version = null,
    string? Url = null,
    string? Licence = null,
    IReadOnlyList<string>? Tags = null);

/// <remarks><c>Outcome</c>: "created", "replaced", or "unchanged" when the same content was already there.</remarks>
public sealed record KnowledgeDocumentAccepted(Guid DocumentId, string Outcome, string Status);
