using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Knowledge.Documents.ImportDocuments;

/// <summary><c>POST /api/knowledge/documents/import</c>: JSON lines, imported by <see cref="ImportJsonLinesHandler"/>.
/// Every line is keyword-searchable when the response arrives.</summary>
internal static class ImportDocumentsEndpoint
{
    public static void Map(RouteGroupBuilder documents) =>
        documents.MapPost("/import", async (HttpContext context, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ImportKnowledgeDocuments(context.Request.Body), ct)))
        .WithName(nameof(ImportDocuments))
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(1024L * 1024 * 1024))
        .Produces<KnowledgeImportSummary>()
        .ProducesValidationProblem();
}
