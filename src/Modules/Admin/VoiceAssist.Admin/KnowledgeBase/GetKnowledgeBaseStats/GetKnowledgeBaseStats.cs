using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase.GetKnowledgeBaseStats;

/// <summary>The knowledge base at a glance, asked of Knowledge through its contracts: its live size and the documents
/// added most recently.</summary>
internal sealed record GetKnowledgeBaseStats : IQuery<KnowledgeBaseStats>;

internal sealed record KnowledgeBaseStats(int Documents, long Characters, IReadOnlyList<RecentIngestion> Recent);

internal sealed record RecentIngestion(Guid DocumentId, string Title, string Status, DateTimeOffset IngestedAt);

internal sealed class GetKnowledgeBaseStatsHandler(ISender sender) : IRequestHandler<GetKnowledgeBaseStats, KnowledgeBaseStats>
{
    public async Task<KnowledgeBaseStats> Handle(GetKnowledgeBaseStats request, CancellationToken cancellationToken)
    {
        var size = await sender.Send(new GetKnowledgeBaseSize(), cancellationToken);
        var recent = await sender.Send(new ListKnowledgeDocuments(PageSize: 10), cancellationToken);
        return new KnowledgeBaseStats(size.Documents, size.Characters,
            [.. recent.Documents.Select(d => new RecentIngestion(d.Id, d.Title ?? "", d.Status, d.CreatedAt))]);
    }
}
