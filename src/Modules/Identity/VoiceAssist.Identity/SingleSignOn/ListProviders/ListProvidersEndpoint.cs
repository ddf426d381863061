using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace VoiceAssist.Identity.SingleSignOn.ListProviders;

/// <summary>One provider the sign-in dialog offers: its name and where the browser starts signing in with it.</summary>
internal sealed record ProviderLink(string Name, string LoginPath);

/// <summary>The configured OpenID Connect providers, for the voice page's sign-in dialog. Names only: what the
/// sign-in URLs already reveal.</summary>
internal static class ListProvidersEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/sso/providers", (IOptions<OidcSettings> settings) => Results.Ok(settings.Value.Providers
                .Where(p => p.Value.Authority.Length > 0)
                .Select(p => new ProviderLink(p.Key, $"/api/identity/sso/{p.Key}/login"))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList()))
            .WithName("ListSignInProviders")
            .AllowAnonymous();
}
