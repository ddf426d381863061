using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.SingleSignOn.SignInWithProvider;

namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>The configured OpenID Connect providers: the mapping of their group claims to VoiceAssist roles, and the
/// end-session URL of each, read from the discovery document the framework's OpenID Connect handler keeps for the
/// provider (<see cref="ProviderSignIn"/>).</summary>
internal sealed class OidcProviders(IOptions<OidcSettings> options, IOptionsMonitor<OpenIdConnectOptions> handlers)
{
    /// <summary>Most privileged first: a user holding several mapped groups gets the first of them.</summary>
    private static readonly string[] RolePrecedence = [Roles.Admin, Roles.Clinician, Roles.Auditor, Roles.Viewer];

    public OidcProviderSettings? Find(string name) =>
        options.Value.Providers.TryGetValue(name, out var provider) && provider.Authority.Length > 0 ? provider : null;

    /// <summary>The provider's end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0) with the id_token as hint,
    /// our client id and the post-logout address; null when the provider publishes no such endpoint.</summary>
    public async Task<Uri?> EndSessionUrl(string name, string? idTokenHint, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } provider
            || handlers.Get(ProviderSignIn.SchemeOf(name)).ConfigurationManager is not { } manager)
        {
            return null;
        }

        var configuration = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return null;
        }

        var logout = new OpenIdConnectMessage { IssuerAddress = configuration.EndSessionEndpoint, ClientId = provider.ClientId };
        if (!string.IsNullOrEmpty(idTokenHint))
        {
            logout.IdTokenHint = idTokenHint;
        }

        if (!string.IsNullOrEmpty(provider.PostLogoutRedirectUri))
        {
            logout.PostLogoutRedirectUri = provider.PostLogoutRedirectUri;
        }

        return new Uri(logout.CreateLogoutRequestUrl());
    }

    /// <summary>The role the provider's claim values map to, or null when none maps and no default is configured.</summary>
    public static string? RoleFor(OidcProviderSettings provider, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var mapped = values.Select(v => provider.RoleMap.TryGetValue(v, out var role) ? role : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return RolePrecedence.FirstOrDefault(mapped.Contains) ?? (provider.DefaultRole is { } fallback && Roles.All.Contains(fallback) ? fallback : null);
    }

    /// <summary>The values of the role claim, whether the token carries it as one string or as a JSON array.</summary>
    public static IReadOnlyList<string> ClaimValues(ClaimsIdentity identity, string claimType)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.FindAll(claimType).SelectMany(claim => claim.ValueType == JsonClaimValueTypes.JsonArray
            ? JsonSerializer.Deserialize<string[]>(claim.Value) ?? []
            : [claim.Value]).ToList();
    }
}
