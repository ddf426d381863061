using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.Tokens;

namespace VoiceAssist.Identity.SingleSignOn.SignInWithProvider;

/// <summary>Authorization code flow with PKCE (RFC 7636) against a configured provider. The login endpoint keeps the
/// state, nonce and code verifier in a short-lived, signed, HttpOnly cookie, so the callback can be served by any
/// replica; the callback checks the state, redeems the code, validates the id_token, starts a page (cookie) session
/// and sends the browser to the voice page.</summary>
internal static partial class SignInWithProviderEndpoints
{
    private const string StateTokenType = "sso-state+jwt";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Routes for each configured provider by its name: a fixed path per provider, not a route parameter.</summary>
    public static void Map(RouteGroupBuilder identity, string provider)
    {
        identity.MapGet($"/sso/{provider}/login", (HttpContext http, OidcProviders providers, SigningKeys keys, TimeProvider time, CancellationToken ct) =>
                Login(provider, http, providers, keys, time, ct))
            .WithName("BeginSignInWith_" + provider)
            .AllowAnonymous()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);

        identity.MapGet($"/sso/{provider}/callback", (HttpContext http, OidcProviders providers, SigningKeys keys, IHttpClientFactory clients, ISender sender, PageSessions pages, ILoggerFactory loggers, CancellationToken ct) =>
                Callback(provider, http, providers, keys, clients, sender, pages, loggers, ct))
            .WithName("SignInWith_" + provider)
            .AllowAnonymous()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);
    }

    private static async Task<IResult> Login(string provider, HttpContext http, OidcProviders providers, SigningKeys keys, TimeProvider time, CancellationToken ct)
    {
        if (providers.Find(provider) is not { } settings)
        {
            return Results.NotFound();
        }

        var configuration = await providers.Configuration(provider, ct);
        var state = Secrets.NewToken();
        var nonce = Secrets.NewToken();
        var verifier = Secrets.NewToken();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var now = time.GetUtcNow().UtcDateTime;
        var cookie = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = StateTokenType,
            Claims = new Dictionary<string, object> { ["provider"] = provider, ["state"] = state, ["nonce"] = nonce, ["verifier"] = verifier },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + StateLifetime,
            SigningCredentials = keys.Credentials,
        });
        http.Response.Cookies.Append(CookieName(provider), cookie, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            // Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies accompany.
            SameSite = SameSiteMode.Lax,
            Path = $"/api/identity/sso/{provider}",
            MaxAge = StateLifetime,
        });
        var scopes = settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend("openid").Distinct(StringComparer.Ordinal);
        var url = QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = CallbackUri(http, provider),
            ["scope"] = string.Join(' ', scopes),
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return Results.Redirect(url);
    }

    private static async Task<IResult> Callback(
        string provider, HttpContext http, OidcProviders providers, SigningKeys keys, IHttpClientFactory clients, ISender sender, PageSessions pages, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(SignInWithProviderEndpoints));
        if (providers.Find(provider) is not { } settings)
        {
            return Results.NotFound();
        }

        http.Response.Cookies.Delete(CookieName(provider), new CookieOptions { Path = $"/api/identity/sso/{provider}" });
        var pending = await ReadState(http.Request.Cookies[CookieName(provider)], keys);
        var query = http.Request.Query;
        if (pending is null
            || !string.Equals(pending.GetClaim("provider").Value, provider, StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(query["state"].ToString()), Encoding.UTF8.GetBytes(pending.GetClaim("state").Value))
            || query["code"].ToString() is not { Length: > 0 } code)
        {
            LogRejected(logger, provider, "missing or mismatched state, or no code");
            return SignInOutcome.Failed.ToHttpResult();
        }

        var configuration = await providers.Configuration(provider, ct);
        using var response = await clients.CreateClient(OidcProviders.HttpClientName).PostAsync(
            new Uri(configuration.TokenEndpoint),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = CallbackUri(http, provider),
                ["client_id"] = settings.ClientId,
                ["client_secret"] = settings.ClientSecret,
                ["code_verifier"] = pending.GetClaim("verifier").Value,
            }),
            ct);
        if (!response.IsSuccessStatusCode)
        {
            LogRejected(logger, provider, $"token endpoint answered {(int)response.StatusCode}");
            return SignInOutcome.Failed.ToHttpResult();
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (!body.RootElement.TryGetProperty("id_token", out var idTokenElement) || idTokenElement.GetString() is not { } idToken)
        {
            LogRejected(logger, provider, "no id_token");
            return SignInOutcome.Failed.ToHttpResult();
        }

        var validated = await providers.ValidateIdToken(provider, idToken, pending.GetClaim("nonce").Value, ct);
        if (!validated.IsValid)
        {
            LogRejected(logger, provider, validated.Exception?.GetType().Name ?? "invalid id_token");
            return SignInOutcome.Failed.ToHttpResult();
        }

        var identity = validated.ClaimsIdentity;
        var outcome = await sender.Send(
            new SignInWithProvider(
                provider,
                identity.FindFirst("sub")!.Value,
                identity.FindFirst("email_verified")?.Value == "true" ? identity.FindFirst("email")?.Value : null,
                identity.FindFirst("name")?.Value,
                OidcProviders.ClaimValues(identity, settings.RoleClaim),
                idToken),
            ct);
        if (outcome is not { Status: SignInStatus.SignedIn, Page: { } ticket })
        {
            return outcome.ToHttpResult();
        }

        // The browser gets a cookie session, never tokens: the page asks it for short-lived access tokens.
        pages.WriteCookie(http, ticket);
        return Results.Redirect($"{http.Request.PathBase}/");
    }

    private static async Task<JsonWebToken?> ReadState(string? cookie, SigningKeys keys)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(cookie, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            IssuerSigningKey = keys.ValidationKey,
            ValidAlgorithms = [SigningKeys.Algorithm],
            ValidTypes = [StateTokenType],
        });
        return result.IsValid ? result.SecurityToken as JsonWebToken : null;
    }

    private static string CookieName(string provider) => "va_sso_" + provider;

    private static string CallbackUri(HttpContext http, string provider) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/identity/sso/{provider}/callback";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with provider {Provider} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string provider, string reason);
}
