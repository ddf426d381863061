using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Applies <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> from trusted proxies
/// (<c>ForwardedHeaders:KnownProxies</c>, <c>ForwardedHeaders:KnownNetworks</c>) before any other middleware runs.
/// Behind a TLS-terminating ingress the request arrives as plain HTTP; HSTS, HTTPS redirection, secure cookies, the
/// page's same-origin check and per-address rate limits must all see the scheme, host and address the browser used,
/// so this cannot wait until the host's own pipeline starts (startup filters of the modules run before it).</summary>
internal static class ForwardedHeadersFirst
{
    public static IServiceCollection AddForwardedHeadersFirst(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in List(configuration["ForwardedHeaders:KnownProxies"]))
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in List(configuration["ForwardedHeaders:KnownNetworks"]))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // A forwarded host is only taken when it is one of these (when set): a trusted proxy that passes on any
            // Host the client chose would otherwise let the client pick the origin the same-origin check compares.
            foreach (var host in List(configuration["ForwardedHeaders:AllowedHosts"]))
            {
                options.AllowedHosts.Add(host);
            }
        });

        // First of all startup filters, whatever order the modules register theirs in; the security headers next.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, ForwardedHeadersStartupFilter>());
        services.Insert(1, ServiceDescriptor.Transient<IStartupFilter, SecurityHeadersStartupFilter>());
        return services;
    }

    private static string[] List(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class ForwardedHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseForwardedHeaders();
        next(app);
    };
}
