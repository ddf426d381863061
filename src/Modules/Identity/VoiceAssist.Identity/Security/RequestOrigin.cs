using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace VoiceAssist.Identity.Security;

/// <summary>Where the current request came from, for throttling and for the security events the audit trail keeps:
/// the client address (after the host's forwarded-headers handling) and the correlation id the host's correlation
/// middleware gave the request (its trace id when there is none, as outside a request).</summary>
internal sealed class RequestOrigin(IHttpContextAccessor http)
{
    /// <summary>The header (and <see cref="HttpContext.Items"/> key) the host's correlation middleware uses.</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The value that stands for a request without a known address (no HTTP request, or a test server).</summary>
    public const string UnknownAddress = "unknown";

    public string? ClientAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? CorrelationId => http.HttpContext?.Items[CorrelationHeader] as string ?? Activity.Current?.TraceId.ToString();
}
