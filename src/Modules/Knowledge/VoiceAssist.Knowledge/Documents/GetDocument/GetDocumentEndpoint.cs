using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Documents.GetDocument;

internal static class GetDocumentEndpoint
{
    public static void Map(RouteGroupBuilder documents) =>
        documents.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetDocument(id), ct))
            .WithName(nameof(GetDocument));
}
