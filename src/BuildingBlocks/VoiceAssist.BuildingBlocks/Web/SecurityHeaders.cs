using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>The headers every response of the host carries, set in one place (the console and the voice page rely on
/// them rather than setting their own): a strict Content-Security-Policy (scripts, styles, connections and frames from
/// this origin only, no inline script or style, never framed), <c>X-Content-Type-Options: nosniff</c>, a referrer
/// that never leaves the origin, the microphone for this origin only, and <c>Cache-Control: no-store</c> on every API
/// answer (tokens, MFA keys, recovery codes, invitation tokens, PHI) unless the endpoint chose otherwise. A response
/// that already carries a Content-Security-Policy (the voice page's document, which also compiles WebAssembly) keeps
/// its own.</summary>
public static class SecurityHeaders
{
    /// <summary>The host's policy. <c>img-src data:</c> is for the MFA QR code, drawn as a data URI.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The voice page's document: the same policy, plus compiling WebAssembly (the voice activity detector's
    /// runtime), which <c>'wasm-unsafe-eval'</c> allows without allowing JavaScript's eval.</summary>
    public const string PageContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "microphone=(self), camera=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()";

    internal static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the console's own form posts.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey("Cache-Control"))
        {
            headers.CacheControl = "no-store";
        }
    }
}

/// <summary>Registers <see cref="SecurityHeaders"/> right after the forwarded headers, in front of every module's
/// middleware, so that even a response written early (a refusal, an error page, a health probe) carries them.</summary>
internal sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context);
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };
}
