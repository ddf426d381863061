using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>Searches PubMed through NCBI E-utilities (esearch, then efetch for the records) and returns citable
/// articles, best match first. Nothing is stored.</summary>
public sealed record SearchPubMed(string Query, int MaxResults = 10) : IQuery<PubMedSearchResults>;

public sealed record PubMedSearchResults(int TotalCount, IReadOnlyList<PubMedArticle> Articles);

/// <summary>A PubMed record with an AMA-style reference ready to cite.</summary>
public sealed record PubMedArticle(
    string Pmid,
    string Title,
    string? Journal,
    DateOnly? PublishedOn,
    IReadOnlyList<string> Authors,
    string Abstract,
    string? Doi,
    string Url,
    string Reference);

/// <summary>Fetches the given PubMed records and adds them to the knowledge base (external id = PMID, so a record
/// ingested twice is stored once and a changed one is replaced).</summary>
public sealed record IngestPubMedArticles(IReadOnlyList<string> Pmids) : ICommand<PubMedIngestResult>;

public sealed record PubMedIngestResult(IReadOnlyList<KnowledgeDocumentAccepted> Documents, IReadOnlyList<string> NotFound);
