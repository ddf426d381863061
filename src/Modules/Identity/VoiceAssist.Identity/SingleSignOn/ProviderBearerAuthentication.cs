using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>Accepts access tokens a configured provider issued for this API (its <c>ApiAudience</c>), beside the
/// application's own. A policy scheme reads the token's issuer (unvalidated, only to choose) and forwards to that
/// provider's JwtBearer scheme, which validates it against the provider's JWKS; anything else goes to the
/// application's own scheme. The token must belong to an account linked to the provider (by an earlier sign-in). The provider's groups become roles as at sign-in; the provider's own sub, sid and role
/// claims never reach authorization, so a provider cannot name a local account or role by itself.</summary>
internal static class ProviderBearerAuthentication
{
    public const string SelectorScheme = "BearerByIssuer";

    /// <summary>The provider's subject and issuer, for logs and audit; never an authorization input.</summary>
    public const string ExternalSubject = "ext_sub";

    public const string ExternalIssuer = "ext_iss";

    public static string SchemeOf(string provider) => "oidc-" + provider;

    public static void Add(AuthenticationBuilder authentication, IReadOnlyDictionary<string, OidcProviderSettings> providers)
    {
        var issuers = providers.ToDictionary(p => p.Value.Authority.TrimEnd('/'), p => SchemeOf(p.Key), StringComparer.Ordinal);
        authentication.AddPolicyScheme(SelectorScheme, null, options => options.ForwardDefaultSelector = context =>
            BearerToken(context) is { } token && issuers.TryGetValue(token.TrimEnd('/'), out var scheme) ? scheme : JwtBearerDefaults.AuthenticationScheme);

        foreach (var (name, provider) in providers)
        {
            authentication.AddJwtBearer(SchemeOf(name), options =>
            {
                // Issuer and signing keys come from the provider's discovery document and JWKS.
                options.Authority = provider.Authority;
                options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.IncludeErrorDetails = false;
                options.TokenValidationParameters.ValidAudience = provider.ApiAudience;
                options.TokenValidationParameters.ValidAlgorithms = provider.Algorithms;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.Events = new JwtBearerEvents { OnTokenValidated = context => MapPrincipal(context, name, provider) };
            });
        }
    }

    /// <summary>The issuer named in the request's bearer token, read without validation only to pick the scheme.</summary>
    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var raw = header["Bearer ".Length..].Trim();
        return handler.CanReadToken(raw) ? handler.ReadJsonWebToken(raw).Issuer : null;
    }

    private static async Task MapPrincipal(TokenValidatedContext context, string name, OidcProviderSettings provider)
    {
        if (context.Principal?.Identity is not ClaimsIdentity token || token.FindFirst("sub")?.Value is not { Length: > 0 } subject)
        {
            context.Fail("invalid_token");
            return;
        }

        var role = OidcProviders.RoleFor(provider, OidcProviders.ClaimValues(token, provider.RoleClaim));
        if (role is null)
        {
            context.Fail("invalid_token");
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<IdentityDbContext>();
        var userId = await db.ExternalLogins.AsNoTracking()
            .Where(l => l.Provider == name && l.Subject == subject)
            .Where(l => db.Users.Any(u => u.Id == l.UserId && u.DisabledAt == null))
            .Select(l => (Guid?)l.UserId)
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        // A provider token stands for the account linked to its subject at a sign-in here; every endpoint may rely on
        // a signed-in caller being a local account, so an unlinked subject (or a client of the provider) is refused,
        // and so is the token of an account an administrator disabled.
        if (userId is not { } linked)
        {
            context.Fail("invalid_token");
            return;
        }

        var reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            VoiceAssistClaims.Subject, VoiceAssistClaims.SessionId, VoiceAssistClaims.Role, VoiceAssistClaims.AuthenticationMethods, provider.RoleClaim,
        };
        var identity = new ClaimsIdentity(token.Claims.Where(c => !reserved.Contains(c.Type)), token.AuthenticationType, VoiceAssistClaims.Name, VoiceAssistClaims.Role);
        identity.AddClaim(new Claim(ExternalSubject, subject));
        identity.AddClaim(new Claim(ExternalIssuer, name));
        identity.AddClaim(new Claim(VoiceAssistClaims.Role, role));
        identity.AddClaim(new Claim(VoiceAssistClaims.Subject, linked.ToString()));

        context.Principal = new ClaimsPrincipal(identity);
    }
}
