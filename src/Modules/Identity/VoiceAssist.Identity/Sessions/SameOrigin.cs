using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Sessions;

/// <summary>Refuses a request to the page-session endpoints unless it comes from a page of this host (or a configured
/// trusted origin). The SameSite=Strict cookie already stays home on cross-site requests; this second check does not
/// depend on the browser honouring SameSite, and it also stops login CSRF (another site signing the browser in as
/// someone else). Browsers send <c>Origin</c> on every POST; without one, <c>Sec-Fetch-Site: same-origin</c> is
/// accepted, and anything else is refused.</summary>
internal sealed class SameOrigin(IOptions<PageSessionSettings> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsSameOrigin(context.HttpContext.Request)
            ? await next(context).ConfigureAwait(false)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.");
    }

    private bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.Ordinal);
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
               || options.Value.TrustedOrigins.Any(trusted => string.Equals(origin, trusted.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
