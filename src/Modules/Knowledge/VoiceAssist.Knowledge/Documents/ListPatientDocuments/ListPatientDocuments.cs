using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.ListPatientDocuments;

/// <summary>Patient documents: a clinician lists their own, with titles; an administrator lists everyone's, to manage
/// (delete) them, with owner, status and size but never a title or file name. Audited.</summary>
[TouchesPhi]
internal sealed record ListPatientDocuments : IQuery<IReadOnlyList<PatientDocumentSummary>>;

/// <remarks><c>Title</c> and <c>FileName</c>: Null in an administrator's listing of documents they do not own.</remarks>
internal sealed record PatientDocumentSummary(Guid Id, Guid OwnerId, string? Title, string? FileName, string SourceType, string Status,
    int? PageCount, int ChunkCount, DateTimeOffset IngestedAt);

internal sealed class ListPatientDocumentsHandler(KnowledgeDbContext db, ICurrentUser user) : IRequestHandler<ListPatientDocuments, IReadOnlyList<PatientDocumentSummary>>
{
    public async Task<IReadOnlyList<PatientDocumentSummary>> Handle(ListPatientDocuments request, CancellationToken cancellationToken)
    {
        var caller = user.UserId;
        var all = user.IsInRole(Roles.Admin);
        var documents = await db.Documents.AsNoTracking()
            .Where(d => d.OwnerId != null && (all || d.OwnerId == caller))
            .OrderByDescending(d => d.IngestedAt)
            .Select(d => new { d.Id, OwnerId = d.OwnerId!.Value, d.SourceType, d.Status, d.PageCount, d.ChunkCount, d.IngestedAt })
            .ToListAsync(cancellationToken);
        var own = documents.Where(d => d.OwnerId == caller).Select(d => d.Id).ToList();
        // Only the caller's own contents are read, so an administrator's listing never decrypts anyone else's words.
        var titles = own.Count == 0 ? [] : await db.PatientDocumentContents.AsNoTracking().Where(c => own.Contains(c.DocumentId))
            .Select(c => new { c.DocumentId, c.Title, c.FileName }).ToDictionaryAsync(c => c.DocumentId, cancellationToken);
        return [.. documents.Select(d => new PatientDocumentSummary(d.Id, d.OwnerId, titles.GetValueOrDefault(d.Id)?.Title, titles.GetValueOrDefault(d.Id)?.FileName,
            d.SourceType, d.Status, d.PageCount, d.ChunkCount, d.IngestedAt))];
    }
}

internal static class ListPatientDocumentsEndpoint
{
    public static void Map(RouteGroupBuilder knowledge) =>
        knowledge.MapGet("/patient-documents", (ISender sender, CancellationToken ct) => sender.Send(new ListPatientDocuments(), ct))
            .WithName(nameof(ListPatientDocuments));
}
