using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail;

/// <summary>Records the Compliance module's own actions (searching and exporting the trail, purges, holds, key
/// rotation) with who did them, from where and under which correlation id.</summary>
internal sealed class AuditRecorder(ComplianceDbContext db, ICurrentUser currentUser, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    private const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Adds the entry to the unit of work; it is saved with the caller's next <c>SaveChanges</c>.</summary>
    public AuditEntry Add(string action, string resourceType, string resourceId, string outcome = AuditOutcomes.Succeeded, string? reason = null)
    {
        var http = httpContextAccessor.HttpContext;
        var entry = new AuditEntry
        {
            SourceEventId = Guid.CreateVersion7(),
            OccurredAt = time.GetUtcNow(),
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            ActorId = currentUser.UserId?.ToString() ?? (http is null ? "system" : null),
            ActorRole = currentUser.Roles.Count > 0 ? string.Join(',', currentUser.Roles) : null,
            SessionId = currentUser.SessionId?.ToString(),
            ClientIp = http?.Connection.RemoteIpAddress?.ToString(),
            CorrelationId = http?.Items[CorrelationHeader] as string ?? System.Diagnostics.Activity.Current?.TraceId.ToString(),
            Outcome = outcome,
            Reason = reason,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task Record(string action, string resourceType, string resourceId, string outcome = AuditOutcomes.Succeeded, string? reason = null, CancellationToken cancellationToken = default)
    {
        Add(action, resourceType, resourceId, outcome, reason);
        await db.SaveChangesAsync(cancellationToken);
    }
}
