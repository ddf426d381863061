using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.Admin.Console;

/// <summary>What every console response carries: a strict Content-Security-Policy (no inline script or style, nothing
/// from another origin), no framing, no caching of pages that show account and audit data; and a console page for an
/// error status (403, 404) instead of an empty body. Added in front of the host's pipeline for <c>/admin</c> only.</summary>
internal sealed class ConsoleResponses : IStartupFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(IsConsole, console =>
        {
            console.Use(async (context, nextMiddleware) =>
            {
                OwnStatusPages.Claim(context);
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                    headers.XContentTypeOptions = "nosniff";
                    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the console's own form posts.
                    headers["Referrer-Policy"] = "same-origin";
                    if (!context.Request.Path.StartsWithSegments("/admin/assets", StringComparison.OrdinalIgnoreCase))
                    {
                        headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
                await nextMiddleware(context).ConfigureAwait(false);
            });
            console.UseStatusCodePagesWithReExecute("/admin/status/{0}");
        });
        next(app);
    };

    private static bool IsConsole(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
}
