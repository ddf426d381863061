using Microsoft.EntityFrameworkCore;
using VoiceAssist.Admin.Data;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Admin.KnowledgeBase.GetKnowledgeBaseStats;

/// <summary>The knowledge base at a glance: its live size (asked of Knowledge) and recent ingestions (from events).</summary>
internal sealed record GetKnowledgeBaseStats : IQuery<KnowledgeBaseStats>;

internal sealed record KnowledgeBaseStats(int Documents, long Characters, int IngestionsRecorded, IReadOnlyList<RecentIngestion> Recent);

internal sealed record RecentIngestion(Guid DocumentId, string Title, DateTimeOffset IngestedAt);

internal sealed class GetKnowledgeBaseStatsHandler(AdminDbContext db, ISender sender) : IRequestHandler<GetKnowledgeBaseStats, KnowledgeBaseStats>
{
    public async Task<KnowledgeBaseStats> Handle(GetKnowledgeBaseStats request, CancellationToken cancellationToken)
    {
        var size = await sender.Send(new GetKnowledgeBaseSize(), cancellationToken);
        var recorded = await db.KnowledgeBaseActivity.CountAsync(cancellationToken);
        var recent = await db.KnowledgeBaseActivity.AsNoTracking()
            .OrderByDescending(a => a.IngestedAt)
            .Take(10)
            .Select(a => new RecentIngestion(a.DocumentId, a.Title, a.IngestedAt))
            .ToListAsync(cancellationToken);
        return new KnowledgeBaseStats(size.Documents, size.Characters, recorded, recent);
    }
}
