using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>Finds the passages of the knowledge base that best match a question: keyword and meaning combined,
/// at most one passage per document, best first.</summary>
/// <param name="Query">Keywords or a question.</param>
/// <param name="Filters">Restricts the search to some documents.</param>
/// <param name="TopK">How many passages at most (1-100).</param>
/// <param name="CallerId">The user (account id) searching: their own patient documents are searched as well. Null
/// searches the shared knowledge base only. The HTTP endpoint sets it to the signed-in user, whatever the body says.</param>
[TouchesPhi]
public sealed record SearchKnowledge(string Query, SearchFilters? Filters = null, int TopK = 10, string? CallerId = null) : IQuery<SearchResults>;

/// <summary>Restricts a search to documents from one publisher, published within a date range, or carrying
/// every one of the given tags.</summary>
public sealed record SearchFilters(string? Publisher = null, DateOnly? PublishedFrom = null, DateOnly? PublishedTo = null, IReadOnlyList<string>? Tags = null);

/// <remarks><c>Mode</c>: "hybrid" when vectors took part, "keyword" otherwise. <c>SubQueries</c>: The parts a compound
/// question was split into (just the query itself otherwise). <c>Fallback</c>: why a search answered from keywords alone
/// although an embedder is configured: "vectors-pending" (fewer than 95% of passages have a vector of the configured
/// model yet), "query-embedding-timeout" or "query-embedding-failed"; null when nothing fell back (or no embedder is
/// configured).</remarks>
public sealed record SearchResults(IReadOnlyList<KnowledgePassage> Passages, string Mode, IReadOnlyList<string> SubQueries, string? Fallback = null);

public sealed record KnowledgePassage(
    Guid DocumentId,
    string? ExternalId,
    string Title,
    int? Page,
    string? Section,
    string Text,
    double Score);
