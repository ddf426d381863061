using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VoiceAssist.Compliance.TransportSecurity;

/// <summary>Transport security (HIPAA 164.312(e)(1)): HSTS on every HTTPS response, optional redirection of plain HTTP
/// to HTTPS, and a cookie policy that makes every cookie Secure, HttpOnly and SameSite=Strict. On by default outside
/// Development; Kestrel's own HTTPS endpoint and certificate come from the standard <c>Kestrel:Endpoints</c> settings
/// (docs/operations.md, TLS).</summary>
internal sealed class TransportSecurityOptions
{
    public const string Section = "Security:Transport";

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS responses. Default: on outside Development.</summary>
    public bool? Hsts { get; set; }

    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool HstsIncludeSubDomains { get; set; } = true;

    /// <summary>Answer plain HTTP with a redirect to HTTPS. Off by default: behind a TLS-terminating ingress the
    /// ingress redirects, and health probes speak plain HTTP inside the cluster.</summary>
    public bool HttpsRedirection { get; set; }

    /// <summary>The HTTPS port redirects go to, when it is not the default 443.</summary>
    public int? HttpsPort { get; set; }

    /// <summary>Cookies only over HTTPS. Default: on outside Development.</summary>
    public bool? SecureCookies { get; set; }
}

internal static class TransportSecurityRegistration
{
    public static void AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<TransportSecurityOptions>(configuration.GetSection(TransportSecurityOptions.Section));
        var options = configuration.GetSection(TransportSecurityOptions.Section).Get<TransportSecurityOptions>() ?? new TransportSecurityOptions();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = options.HstsMaxAge;
            hsts.IncludeSubDomains = options.HstsIncludeSubDomains;
        });
        if (options.HttpsPort is { } port)
        {
            builder.Services.AddHttpsRedirection(redirection => redirection.HttpsPort = port);
        }

        builder.Services.Configure<CookiePolicyOptions>(cookies =>
        {
            cookies.MinimumSameSitePolicy = SameSiteMode.Strict;
            cookies.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            cookies.Secure = (options.SecureCookies ?? !development) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddSingleton<IStartupFilter>(new TransportSecurityStartupFilter(options.Hsts ?? !development, options.HttpsRedirection));
    }
}

/// <summary>Puts the transport middleware at the very front of the pipeline, before anything can answer.</summary>
internal sealed class TransportSecurityStartupFilter(bool hsts, bool httpsRedirection) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (hsts)
        {
            app.UseHsts();
        }

        if (httpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
        next(app);
    };
}
