using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Documents.IngestDocument;

internal static class IngestDocumentEndpoint
{
    public static void Map(RouteGroupBuilder documents) =>
        documents.MapPost("/", async (IngestDocument request, ISender sender, CancellationToken ct) =>
        {
            var ingested = await sender.Send(request, ct);
            return Results.Created($"/api/knowledge/documents/{ingested.Id}", ingested);
        })
        .WithName(nameof(IngestDocument))
        .ProducesValidationProblem();
}
