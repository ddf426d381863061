using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.SignIn;

namespace VoiceAssist.Identity.SingleSignOn.SignInWithProvider;

/// <summary>Sign-in with a configured provider through the framework's OpenID Connect handler, one scheme per provider:
/// authorization code flow with PKCE, state and nonce kept in the handler's data-protected correlation and nonce
/// cookies, the code redeemed and the id_token validated by the handler (signature against the provider's JWKS with an
/// allowed algorithm, issuer, audience, lifetime, nonce). The handler's own sign-in is never used: once the ticket is
/// validated, <see cref="SignInWithProvider"/> links or provisions the account and starts the page's own cookie
/// session, with its idle and absolute timeouts and its audit entries, exactly as the page's password sign-in does.</summary>
internal static partial class ProviderSignIn
{
    private const string IdTokenItem = "VoiceAssist.Identity.ProviderIdToken";

    public static string SchemeOf(string provider) => "oidc-signin-" + provider;

    /// <summary>Where the provider sends the browser back: registered with the provider as the redirect URI.</summary>
    public static string CallbackPath(string provider) => $"/api/identity/sso/{provider}/callback";

    public static void Add(AuthenticationBuilder authentication, IReadOnlyDictionary<string, OidcProviderSettings> providers)
    {
        foreach (var (name, provider) in providers)
        {
            authentication.AddOpenIdConnect(SchemeOf(name), options =>
            {
                options.Authority = provider.Authority;
                options.ClientId = provider.ClientId;
                options.ClientSecret = provider.ClientSecret;
                options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back on a top-level GET, which the handler's SameSite=Lax cookies accompany.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.CallbackPath = CallbackPath(name);
                options.Scope.Clear();
                foreach (var scope in provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend(OpenIdConnectScope.OpenId).Distinct(StringComparer.Ordinal))
                {
                    options.Scope.Add(scope);
                }

                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SaveTokens = false;
                options.DisableTelemetry = true;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                // Never reached: the ticket is always answered in OnTicketReceived with the page's own session.
                options.SignInScheme = PageSessionAuthentication.Scheme;
                options.TokenValidationParameters.ValidAlgorithms = provider.Algorithms;
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
                options.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = context =>
                    {
                        context.HttpContext.Items[IdTokenItem] = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken;
                        return Task.CompletedTask;
                    },
                    OnTicketReceived = context => Complete(context, name, provider),
                    OnRemoteFailure = context => Refuse(context, name),
                };
            });
            // The id_token's lifetime is judged by the host's clock, the one sessions and lockouts use.
            authentication.Services.AddOptions<OpenIdConnectOptions>(SchemeOf(name)).Configure<TimeProvider>((options, time) =>
            {
                options.TimeProvider = time;
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    return expires is { } exp && exp + parameters.ClockSkew > now && (notBefore is not { } nbf || nbf - parameters.ClockSkew <= now);
                };
            });
        }
    }

    /// <summary>The route that starts a sign-in with the provider: the handler's challenge, back to the voice page.</summary>
    public static void Map(RouteGroupBuilder identity, string provider) =>
        identity.MapGet($"/sso/{provider}/login", (HttpContext http) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}/" }, [SchemeOf(provider)]))
            .WithName("BeginSignInWith_" + provider)
            .AllowAnonymous()
            .RequireRateLimiting(IdentityRateLimiting.SignInPolicy);

    private static async Task Complete(TicketReceivedContext context, string name, OidcProviderSettings provider)
    {
        var http = context.HttpContext;
        context.HandleResponse();
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst("sub")?.Value is not { Length: > 0 } subject)
        {
            LogRejected(Logger(http), name, "the id_token has no subject");
            await SignInOutcome.Failed.ToHttpResult().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var outcome = await http.RequestServices.GetRequiredService<ISender>().Send(
            new SignInWithProvider(
                name,
                subject,
                identity.FindFirst("email_verified")?.Value is "true" or "True" ? identity.FindFirst("email")?.Value : null,
                identity.FindFirst("name")?.Value,
                OidcProviders.ClaimValues(identity, provider.RoleClaim),
                http.Items[IdTokenItem] as string ?? ""),
            http.RequestAborted).ConfigureAwait(false);
        if (outcome is not { Status: SignInStatus.SignedIn, Page: { } ticket })
        {
            await outcome.ToHttpResult().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        // The browser gets a cookie session, never tokens: the page asks it for short-lived access tokens.
        http.RequestServices.GetRequiredService<PageSessions>().WriteCookie(http, ticket);
        http.Response.Redirect($"{http.Request.PathBase}/");
    }

    /// <summary>Anything the handler refused (state or correlation missing, the provider's error, a token that failed
    /// validation) gets the same bare 401 as every failed sign-in; the reason goes to the log only.</summary>
    private static async Task Refuse(RemoteFailureContext context, string name)
    {
        context.HandleResponse();
        LogRejected(Logger(context.HttpContext), name, context.Failure?.GetType().Name + ": " + context.Failure?.Message);
        await SignInOutcome.Failed.ToHttpResult().ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with provider {Provider} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string provider, string reason);
}
