using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Administration;

/// <summary>Who may curate the shared knowledge base, and the audit record of each change they make. Every write to
/// shared documents and guideline sources, from the HTTP API or the console, goes through here.</summary>
internal sealed class KnowledgeChanges(AdministrativeChanges changes, ICurrentUser user, IAuthorizationService authorization, IHttpContextAccessor http)
{
    public const string DocumentUploaded = "knowledge.document.uploaded";
    public const string DocumentsImported = "knowledge.documents.imported";
    public const string DocumentReindexed = "knowledge.document.reindexed";
    public const string KnowledgeBaseReindexed = "knowledge.knowledge_base.reindexed";
    public const string DocumentDeleted = "knowledge.document.deleted";
    public const string PubMedIngested = "knowledge.pubmed.ingested";
    public const string GuidelineSourceAdded = "knowledge.guideline_source.added";
    public const string GuidelineSourceUpdated = "knowledge.guideline_source.updated";
    public const string GuidelineSourceRemoved = "knowledge.guideline_source.removed";

    /// <summary>The signed-in account making the change; null for the host's own work (a watched guideline, the import
    /// folder, the demo corpus) and for the anonymous development user.</summary>
    public Guid? ActorId => user.UserId;

    /// <summary>True for an administrator, and for work the host does outside any request.</summary>
    public async Task<bool> IsAdministrator() =>
        http.HttpContext is not { } context || (await authorization.AuthorizeAsync(context.User, Policies.Admin)).Succeeded;

    /// <summary>Refuses (403) a caller who is not an administrator.</summary>
    public async Task RequireAdministrator()
    {
        if (!await IsAdministrator())
        {
            throw new ForbiddenException("Only an administrator changes the shared knowledge base.");
        }
    }

    /// <summary>Adds the change to the module's outbox, to commit with it. A change without a signed-in account (see
    /// <see cref="ActorId"/>) cannot be attributed and is not recorded as an administrative change.</summary>
    public void Record(KnowledgeDbContext db, string action, string resourceType, string resourceId, string? reason, object? before, object? after)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (user.UserId is null)
        {
            return;
        }

        db.AddIntegrationEvent(changes.Describe(action, resourceType, resourceId, reason,
            before is null ? null : AdministrativeChanges.Snapshot(before), after is null ? null : AdministrativeChanges.Snapshot(after)));
    }
}
