using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.Admin.Console;

/// <summary>What console responses carry beyond the host's security headers (the strict Content-Security-Policy, no
/// framing, nosniff: <see cref="SecurityHeaders"/>): no caching of pages that show account and audit data, and a
/// console page for an error status (403, 404) instead of an empty body. Added in front of the host's pipeline for
/// <c>/admin</c> only.</summary>
internal sealed class ConsoleResponses : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(IsConsole, console =>
        {
            console.Use(async (context, nextMiddleware) =>
            {
                OwnStatusPages.Claim(context);
                context.Response.OnStarting(() =>
                {
                    if (!context.Request.Path.StartsWithSegments("/admin/assets", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers.CacheControl = "no-store";
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
