using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.GetKnowledgeBaseStatus;

/// <summary>How far ingestion has got: documents per status, passages, and how many have their vectors.</summary>
internal sealed record GetKnowledgeBaseStatus : IQuery<KnowledgeBaseStatus>;

internal sealed record KnowledgeBaseStatus(int Documents, IReadOnlyDictionary<string, int> DocumentsByStatus, long Passages, long PassagesWithVectors);

internal sealed class GetKnowledgeBaseStatusHandler(KnowledgeDbContext db) : IRequestHandler<GetKnowledgeBaseStatus, KnowledgeBaseStatus>
{
    public async Task<KnowledgeBaseStatus> Handle(GetKnowledgeBaseStatus request, CancellationToken cancellationToken)
    {
        var byStatus = await db.Documents.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var passages = await db.Chunks.LongCountAsync(cancellationToken);
        var withVectors = await db.Chunks.LongCountAsync(c => c.Embedding != null, cancellationToken);
        return new KnowledgeBaseStatus(byStatus.Values.Sum(), byStatus, passages, withVectors);
    }
}

internal static class GetKnowledgeBaseStatusEndpoint
{
    public static void Map(RouteGroupBuilder knowledge) =>
        knowledge.MapGet("/status", (ISender sender, CancellationToken ct) => sender.Send(new GetKnowledgeBaseStatus(), ct))
            .WithName(nameof(GetKnowledgeBaseStatus));
}
