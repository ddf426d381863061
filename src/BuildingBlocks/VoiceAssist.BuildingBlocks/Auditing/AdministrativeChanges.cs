using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.BuildingBlocks.Auditing;

/// <summary>Describes a change an administrator is making, with who, from where and under which correlation id, for
/// the owning module to add to its outbox beside the change itself:
/// <c>db.AddIntegrationEvent(changes.Describe("identity.user.disabled", "user", id, reason, before, after))</c>.</summary>
public sealed class AdministrativeChanges(ICurrentUser currentUser, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The change as an event; the acting user is the signed-in caller (none only for the anonymous development
    /// caller where sign-in is not enforced).</summary>
    public AdministrativeChange Describe(string action, string resourceType, string resourceId, string? reason, string? before, string? after)
    {
        var actor = currentUser.UserId;
        var http = httpContextAccessor.HttpContext;
        return new AdministrativeChange(
            Guid.CreateVersion7(),
            time.GetUtcNow(),
            actor,
            action,
            resourceType,
            resourceId,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            before,
            after,
            currentUser.Roles.Count > 0 ? string.Join(',', currentUser.Roles) : null,
            currentUser.SessionId?.ToString(),
            http?.Connection.RemoteIpAddress?.ToString(),
            http?.Items[CorrelationMiddleware.Header] as string ?? System.Diagnostics.Activity.Current?.TraceId.ToString());
    }

    /// <summary>A value object as compact JSON for <see cref="AdministrativeChange.Before"/> and
    /// <see cref="AdministrativeChange.After"/>; never pass a secret.</summary>
    public static string Snapshot<T>(T value) => JsonSerializer.Serialize(value, Json);
}
