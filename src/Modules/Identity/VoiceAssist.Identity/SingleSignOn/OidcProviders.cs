using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>The configured OpenID Connect providers: their discovery documents and signing keys (fetched and cached
/// by <see cref="ConfigurationManager{T}"/>, refreshed when a token names an unknown key), id_token validation and
/// the mapping of their group claims to VoiceAssist roles.</summary>
internal sealed class OidcProviders(IOptions<OidcSettings> options, IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "oidc";

    /// <summary>Most privileged first: a user holding several mapped groups gets the first of them.</summary>
    private static readonly string[] RolePrecedence = [Roles.Admin, Roles.Clinician, Roles.Auditor, Roles.Viewer];

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> managers = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public OidcProviderSettings? Find(string name) =>
        options.Value.Providers.TryGetValue(name, out var provider) && provider.Authority.Length > 0 ? provider : null;

    public Task<OpenIdConnectConfiguration> Configuration(string name, CancellationToken cancellationToken) =>
        Manager(name).GetConfigurationAsync(cancellationToken);

    public ConfigurationManager<OpenIdConnectConfiguration> Manager(string name) => managers.GetOrAdd(name, key =>
    {
        var provider = Find(key) ?? throw new InvalidOperationException($"No OpenID Connect provider named '{key}'.");
        var metadata = provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            metadata,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = provider.RequireHttpsMetadata });
    });

    /// <summary>Validates an id_token (OpenID Connect Core 1.0 section 3.1.3.7): signature by a key in the provider's
    /// JWKS with an allowed algorithm, issuer, audience = our client id, expiry, and the nonce of this sign-in.</summary>
    public async Task<TokenValidationResult> ValidateIdToken(string name, string idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        var provider = Find(name) ?? throw new InvalidOperationException($"No OpenID Connect provider named '{name}'.");
        var configuration = await Configuration(name, cancellationToken).ConfigureAwait(false);
        var parameters = Parameters(provider, configuration, provider.ClientId);
        var result = await handler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys since the JWKS was cached.
            Manager(name).RequestRefresh();
            configuration = await Configuration(name, cancellationToken).ConfigureAwait(false);
            result = await handler.ValidateTokenAsync(idToken, Parameters(provider, configuration, provider.ClientId)).ConfigureAwait(false);
        }

        if (result.IsValid && !string.Equals(result.ClaimsIdentity.FindFirst("nonce")?.Value, expectedNonce, StringComparison.Ordinal))
        {
            return new TokenValidationResult { IsValid = false, Exception = new OpenIdConnectProtocolInvalidNonceException("The id_token's nonce is not this sign-in's.") };
        }

        if (result.IsValid && string.IsNullOrEmpty(result.ClaimsIdentity.FindFirst("sub")?.Value))
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException("The id_token has no subject.") };
        }

        return result;
    }

    public TokenValidationParameters Parameters(OidcProviderSettings provider, OpenIdConnectConfiguration configuration, string audience)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(configuration);
        return new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = provider.Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp + parameters.ClockSkew > now && (notBefore is not { } nbf || nbf - parameters.ClockSkew <= now);
            },
        };
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
