using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Search.SearchKnowledge;

internal sealed class SearchKnowledgeValidator : AbstractValidator<Contracts.SearchKnowledge>
{
    public SearchKnowledgeValidator()
    {
        RuleFor(s => s.Query).NotEmpty().MaximumLength(2000);
        RuleFor(s => s.TopK).InclusiveBetween(1, 100);
        RuleFor(s => s.Filters!.PublishedTo).GreaterThanOrEqualTo(s => s.Filters!.PublishedFrom)
            .When(s => s.Filters is { PublishedFrom: not null, PublishedTo: not null }).WithName("filters.publishedTo");
    }
}

internal sealed class SearchKnowledgeHandler(HybridSearch search) : IRequestHandler<Contracts.SearchKnowledge, SearchResults>
{
    public async Task<SearchResults> Handle(Contracts.SearchKnowledge request, CancellationToken cancellationToken)
    {
        var result = await search.Search(request.Query.Trim(), request.Filters, request.TopK, onePerDocument: true, cancellationToken,
            caller: Guid.TryParse(request.CallerId, out var caller) ? caller : null);
        return new SearchResults(
            result.Passages.Select(p => new KnowledgePassage(p.DocumentId, p.ExternalId, p.Title, p.Page, p.Section, p.Text, p.Score)).ToList(),
            result.Mode,
            result.SubQueries,
            result.Fallback);
    }
}

internal static class SearchKnowledgeEndpoint
{
    public static void Map(RouteGroupBuilder knowledge) =>
        knowledge.MapPost("/search", (Contracts.SearchKnowledge request, ICurrentUser user, ISender sender, CancellationToken ct) =>
                sender.Send(request with { CallerId = user.UserId?.ToString() }, ct))
            .WithName("SearchKnowledge")
            .ProducesValidationProblem();
}
