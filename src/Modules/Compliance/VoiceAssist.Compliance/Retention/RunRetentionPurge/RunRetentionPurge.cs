using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Voice.Contracts;

namespace VoiceAssist.Compliance.Retention.RunRetentionPurge;

/// <summary>Applies the retention policies once: conversations older than <see cref="RetentionOptions.Conversations"/>
/// are purged by Voice (through its contract), audit entries older than <see cref="RetentionOptions.AuditEntries"/> by
/// <c>compliance.purge_audit_entries</c>; anything under an active legal hold stays. Each purge is recorded in the trail.</summary>
internal sealed record RunRetentionPurge : ICommand<RetentionPurged>;

internal sealed record RetentionPurged(DateTimeOffset ConversationCutoff, int Conversations, int Turns, DateTimeOffset AuditCutoff, long AuditEntries, int ActiveHolds);

internal sealed class RunRetentionPurgeHandler(ComplianceDbContext db, ISender sender, AuditRecorder audit, IOptionsSnapshot<RetentionOptions> options, TimeProvider time)
    : IRequestHandler<RunRetentionPurge, RetentionPurged>
{
    public async Task<RetentionPurged> Handle(RunRetentionPurge request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var policy = options.Value;
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).ToListAsync(cancellationToken);
        var heldUsers = holds.Where(h => h.SubjectType == LegalHoldSubjects.User).Select(h => h.SubjectId).ToList();
        var heldResources = holds.Where(h => h.SubjectType == LegalHoldSubjects.Resource).Select(h => h.SubjectId).ToList();

        var conversationCutoff = now - policy.Conversations;
        var conversations = await sender.Send(new PurgeConversationsBefore(conversationCutoff, heldUsers,
            [.. heldResources.Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty).Where(id => id != Guid.Empty)]), cancellationToken);
        audit.Add(AuditActions.RetentionPurged, "conversations", Stamp(conversationCutoff),
            reason: $"{conversations.Conversations} conversations and {conversations.Turns} turns last active before the cut-off; {holds.Count} legal holds active");

        // The trail is removed oldest first, as a prefix of the chain: it stops at the oldest entry under a hold.
        var auditCutoff = now - policy.AuditEntries;
        var oldestHeld = await db.AuditEntries.AsNoTracking()
            .Where(e => e.OccurredAt < auditCutoff && ((e.ActorId != null && heldUsers.Contains(e.ActorId)) || heldResources.Contains(e.ResourceId)))
            .MinAsync(e => (DateTimeOffset?)e.OccurredAt, cancellationToken);
        var effectiveAuditCutoff = oldestHeld is { } held && held < auditCutoff ? held : auditCutoff;
        var auditPurged = await db.Database.SqlQuery<long>($"SELECT compliance.purge_audit_entries({effectiveAuditCutoff}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        audit.Add(AuditActions.RetentionPurged, "audit_entries", Stamp(effectiveAuditCutoff),
            reason: $"{auditPurged} audit entries before the cut-off{(oldestHeld is null ? "" : "; stopped at the oldest entry under a legal hold")}");

        return new RetentionPurged(conversationCutoff, conversations.Conversations, conversations.Turns, effectiveAuditCutoff, auditPurged, holds.Count);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

internal static class RunRetentionPurgeEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/retention/purge", (ISender sender, CancellationToken ct) => sender.Send(new RunRetentionPurge(), ct))
            .WithName(nameof(RunRetentionPurge))
            .RequireAuthorization(Policies.Admin);
}
