using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.PubMed;

internal sealed class SearchPubMedValidator : AbstractValidator<SearchPubMed>
{
    public SearchPubMedValidator()
    {
        RuleFor(s => s.Query).NotEmpty().MaximumLength(1000);
        RuleFor(s => s.MaxResults).InclusiveBetween(1, 50);
    }
}

internal sealed class SearchPubMedHandler(EUtilitiesClient eutils) : IRequestHandler<SearchPubMed, PubMedSearchResults>
{
    public async Task<PubMedSearchResults> Handle(SearchPubMed request, CancellationToken cancellationToken)
    {
        var (count, pmids) = await eutils.Search(request.Query.Trim(), request.MaxResults, cancellationToken);
        var articles = (await eutils.Fetch(pmids, cancellationToken)).ToDictionary(a => a.Pmid);
        // efetch does not promise esearch's order; relevance order is esearch's.
        return new PubMedSearchResults(count, pmids.Where(articles.ContainsKey).Select(p => articles[p]).ToList());
    }
}

internal sealed class IngestPubMedArticlesValidator : AbstractValidator<IngestPubMedArticles>
{
    public IngestPubMedArticlesValidator()
    {
        RuleFor(i => i.Pmids).Cascade(CascadeMode.Stop).NotEmpty().Must(p => p.Count <= 200).WithMessage("At most 200 PMIDs at a time.");
        RuleForEach(i => i.Pmids).Matches("^[0-9]{1,9}$").WithMessage("A PMID is a number such as 31566802.");
    }
}

/// <summary>Fetched records become text documents: title, abstract (with its section labels), the journal as
/// publisher, the PubMed address as URL and the PMID as external id.</summary>
internal sealed class IngestPubMedArticlesHandler(EUtilitiesClient eutils, TextIngestion ingestion, KnowledgeDbContext db, KnowledgeChanges changes) : IRequestHandler<IngestPubMedArticles, PubMedIngestResult>
{
    public async Task<PubMedIngestResult> Handle(IngestPubMedArticles request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var pmids = request.Pmids.Distinct().ToList();
        var articles = (await eutils.Fetch(pmids, cancellationToken)).Where(a => a.Abstract.Length > 0 || a.Title.Length > 0).ToList();
        var inputs = articles.Select(a => new TextDocumentInput(a.Title, a.Abstract.Length > 0 ? a.Abstract : a.Title, new DocumentMetadata(
            ExternalId: a.Pmid, Publisher: a.Journal, PublishedOn: a.PublishedOn, Url: a.Url, Licence: "PubMed abstract; copyright remains with the publisher.", Tags: ["pubmed"]))).ToList();
        var accepted = inputs.Count == 0 ? [] : await ingestion.Ingest(inputs, cancellationToken);
        if (accepted.Any(a => a.Outcome != "unchanged"))
        {
            changes.Record(db, KnowledgeChanges.PubMedIngested, "knowledge_base", "pubmed", null, null, new
            {
                Pmids = articles.Select(a => a.Pmid).Where((_, i) => accepted[i].Outcome != "unchanged").ToList(),
                Created = accepted.Count(a => a.Outcome == "created"),
                Replaced = accepted.Count(a => a.Outcome == "replaced"),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PubMedIngestResult(accepted, pmids.Except(articles.Select(a => a.Pmid)).ToList());
    }
}

internal static class PubMedEndpoints
{
    public static void Map(RouteGroupBuilder knowledge)
    {
        var pubmed = knowledge.MapGroup("/pubmed");
        pubmed.MapPost("/search", async (SearchPubMed request, ISender sender, CancellationToken ct) => await Guard(() => sender.Send(request, ct)))
            .WithName(nameof(SearchPubMed)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status502BadGateway);
        // Adding to the shared knowledge base is curation: administrators only, like uploads and imports.
        pubmed.MapPost("/ingest", async (IngestPubMedArticles request, ISender sender, CancellationToken ct) => await Guard(() => sender.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(IngestPubMedArticles)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status502BadGateway);
    }

    /// <summary>NCBI unreachable or refusing is the upstream's failure: 502 with what it said, not a 500.</summary>
    private static async Task<IResult> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return Results.Ok(await call());
        }
        catch (Exception ex) when (ex is PubMedException or HttpRequestException or System.Xml.XmlException or System.Text.Json.JsonException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "PubMed could not be reached.", detail: ex is PubMedException ? ex.Message : "The NCBI E-utilities request failed; try again later.");
        }
    }
}
