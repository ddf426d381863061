using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoiceAssist.Compliance.AuditTrail;

/// <summary>The hash that links audit entries, computed exactly as <c>compliance.audit_entry_hash</c> does in
/// 0002_audit_chain.sql: SHA-256 over the previous hash followed by the UTF-8 of each field written as
/// <c>length:value;</c> (<c>-1:;</c> for NULL) — chain sequence, time in UTC to the microsecond, action, resource type,
/// resource id, actor id, source event id; then, as in 0003_audit_context.sql, each of outcome, correlation id, actor
/// role, session id, client IP and reason that is not NULL, as its name followed by its value; and, as in
/// 0006_audit_changes.sql, the before and after values of an administrative change in the same way.</summary>
internal static class AuditChain
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Hash(byte[] previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        var content = new StringBuilder();
        Field(content, entry.ChainSequence.ToString(CultureInfo.InvariantCulture));
        Field(content, entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(content, entry.Action);
        Field(content, entry.ResourceType);
        Field(content, entry.ResourceId);
        Field(content, entry.ActorId);
        Field(content, entry.SourceEventId.ToString("D"));
        Extension(content, "outcome", entry.Outcome);
        Extension(content, "correlation_id", entry.CorrelationId);
        Extension(content, "actor_role", entry.ActorRole);
        Extension(content, "session_id", entry.SessionId);
        Extension(content, "client_ip", entry.ClientIp);
        Extension(content, "reason", entry.Reason);
        Extension(content, "before_value", entry.Before);
        Extension(content, "after_value", entry.After);
        var bytes = Encoding.UTF8.GetBytes(content.ToString());
        return SHA256.HashData([.. previous, .. bytes]);
    }

    private static void Extension(StringBuilder content, string name, string? value)
    {
        if (value is not null)
        {
            Field(content, name);
            Field(content, value);
        }
    }

    private static void Field(StringBuilder content, string? value) =>
        content.Append(value is null ? "-1" : Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture))
            .Append(':').Append(value).Append(';');
}
