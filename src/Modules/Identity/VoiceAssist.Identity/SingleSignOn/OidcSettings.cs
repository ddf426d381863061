namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>OpenID Connect providers users may sign in with (<c>Identity:Oidc:Providers:&lt;name&gt;</c>).</summary>
internal sealed class OidcSettings
{
    public const string Section = "Identity:Oidc";

    public Dictionary<string, OidcProviderSettings> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One provider: where it is, how this application is registered there, and how its groups become roles.</summary>
internal sealed class OidcProviderSettings
{
    /// <summary>The issuer; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes requested at sign-in; <c>openid</c> is always sent.</summary>
    public string Scopes { get; set; } = "openid email profile";

    /// <summary>The id_token / access token claim that carries the user's groups or roles (a string or an array).</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Provider claim value → VoiceAssist role. A user holding several mapped values gets the most privileged.</summary>
    public Dictionary<string, string> RoleMap { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The role of a user none of whose values is mapped; unset refuses such a user.</summary>
    public string? DefaultRole { get; set; }

    /// <summary>Audience of the provider's access tokens this API accepts as bearer tokens; unset accepts none.</summary>
    public string? ApiAudience { get; set; }

    /// <summary>Where the provider sends the browser after logout; must be registered with the provider.</summary>
    public string? PostLogoutRedirectUri { get; set; }

    /// <summary>Space-separated JWS algorithms accepted on the provider's tokens; <c>none</c> and HMAC never are.</summary>
    public string AllowedAlgorithms { get; set; } = "RS256";

    public IReadOnlyList<string> Algorithms => AllowedAlgorithms.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(alg => !alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase) && !alg.Equals("none", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Off only for a provider on loopback in development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
