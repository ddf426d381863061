using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.GetKnowledgeBaseStatus;

/// <summary>How far ingestion has got: shared documents per status, passages, how many have their vectors and how
/// many wait for them (of the configured model) (the console's embedding progress, and <c>GET /api/knowledge/status</c>).</summary>
internal sealed class GetKnowledgeBaseStatusHandler(KnowledgeDbContext db, EmbeddingAvailability embeddings, Embeddings.EmbeddingProvider provider) : IRequestHandler<Contracts.Administration.GetKnowledgeBaseStatus, KnowledgeBaseStatus>
{
    public async Task<KnowledgeBaseStatus> Handle(Contracts.Administration.GetKnowledgeBaseStatus request, CancellationToken cancellationToken)
    {
        var byStatus = await db.Documents.Where(d => d.OwnerId == null).GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var patientDocuments = await db.Documents.CountAsync(d => d.OwnerId != null, cancellationToken);
        var passages = await db.Chunks.LongCountAsync(cancellationToken);
        // A vector counts only if the configured model made it: after a change of model this is the re-embedding's progress.
        var model = provider.Model;
        // With no embedder configured, every stored vector is shown (none is being made).
        var withVectors = await db.Chunks.LongCountAsync(c => c.Embedding != null && (model == null || c.EmbeddingModel == model), cancellationToken);
        return new KnowledgeBaseStatus(byStatus.Values.Sum(), byStatus, passages, withVectors)
        {
            PassagesWaitingForVectors = embeddings.Enabled ? passages - withVectors : 0,
            EmbeddingEnabled = embeddings.Enabled,
            EmbeddingModel = model,
            PatientDocuments = patientDocuments,
        };
    }
}

internal static class GetKnowledgeBaseStatusEndpoint
{
    public static void Map(RouteGroupBuilder knowledge) =>
        knowledge.MapGet("/status", (ISender sender, CancellationToken ct) => sender.Send(new Contracts.Administration.GetKnowledgeBaseStatus(), ct))
            .WithName("GetKnowledgeBaseStatus");
}
