using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Administration;
using VoiceAssist.Identity.Administration.EndAllUserSessions;
using VoiceAssist.Identity.Administration.OffboardUser;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Mfa.ManageMfa;
using VoiceAssist.Identity.Nextcloud;
using VoiceAssist.Identity.Nextcloud.SyncNextcloudUsers;
using VoiceAssist.Identity.Passkeys;
using VoiceAssist.Identity.Passwords;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Sessions.AuthenticatePageSession;
using VoiceAssist.Identity.Sessions.EndTimedOutPageSessions;
using VoiceAssist.Identity.Sessions.EnrollAtPageSignIn;
using VoiceAssist.Identity.Sessions.IssuePageAccessToken;
using VoiceAssist.Identity.Sessions.IssueSocketTicket;
using VoiceAssist.Identity.Sessions.ListSessions;
using VoiceAssist.Identity.Sessions.RevokeSession;
using VoiceAssist.Identity.Sessions.SignInToPage;
using VoiceAssist.Identity.Sessions.SignOutOfPage;
using VoiceAssist.Identity.SignIn;
using VoiceAssist.Identity.SingleSignOn;
using VoiceAssist.Identity.SingleSignOn.ListProviders;
using VoiceAssist.Identity.SingleSignOn.SignInWithProvider;
using VoiceAssist.Identity.SingleSignOn.SignOutOfProvider;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;
using VoiceAssist.Identity.Users.AcceptInvitation;
using VoiceAssist.Identity.Users.ChangeEmail;
using VoiceAssist.Identity.Users.ChangePassword;
using VoiceAssist.Identity.Users.ChangeRole;
using VoiceAssist.Identity.Users.CreateFirstAdmin;
using VoiceAssist.Identity.Users.CreateUser;
using VoiceAssist.Identity.Users.GetCurrentUser;

namespace VoiceAssist.Identity;

/// <summary>Users, roles and sign-in: ASP.NET Core Identity accounts, TOTP MFA, JWT access tokens with rotating
/// refresh tokens for API clients, cookie sessions with idle and absolute timeouts for the clinician page, and the
/// authorization policies other modules use.</summary>
public static partial class IdentityModule
{
    public const string Schema = "identity";

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<IdentityDbContext>("Identity", Schema);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.Configure<TokenSettings>(configuration.GetSection(TokenSettings.Section));
        services.Configure<LockoutSettings>(configuration.GetSection(LockoutSettings.Section));
        services.Configure<PasswordSettings>(configuration.GetSection(PasswordSettings.Section));
        services.Configure<MfaSettings>(configuration.GetSection(MfaSettings.Section));
        var developmentOrTesting = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        services.PostConfigure<MfaSettings>(options => options.RequiredForAllRoles ??= !developmentOrTesting);
        services.Configure<AccountSettings>(configuration.GetSection(AccountSettings.Section));
        services.Configure<BootstrapSettings>(configuration.GetSection(BootstrapSettings.Section));
        services.Configure<IdentityRateLimits>(configuration.GetSection(IdentityRateLimits.Section));
        services.Configure<PageSessionSettings>(configuration.GetSection(PageSessionSettings.Section));
        services.Configure<PasskeySettings>(configuration.GetSection(PasskeySettings.Section));
        services.Configure<SocketTicketSettings>(configuration.GetSection(SocketTicketSettings.Section));
        services.AddSingleton<SocketTickets>();

        services.AddIdentityCore<User>(options =>
            {
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "";
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddUserStore<PasskeyUserStore>()
            .AddPasswordValidator<PasswordRules>();
        // PBKDF2-HMAC-SHA512 at OWASP's 2023 recommended work factor.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);

        services.AddSingleton<SigningKeys>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<TotpSecretProtector>();
        services.AddHttpContextAccessor();
        services.AddScoped<RequestOrigin>();
        services.AddScoped<AccountLockout>();
        services.AddScoped<SessionTokens>();
        services.AddScoped<PageSessions>();
        services.AddScoped<SignInCompletion>();
        services.AddSingleton<EndTimedOutPageSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<EndTimedOutPageSessions>());
        services.AddScoped<ReAuthentication>();
        services.AddScoped<TotpEnrollment>();
        services.AddScoped<Accounts>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<RoleChange>();
        services.AddScoped<OffboardingPlanner>();
        services.AddHostedService<FirstAdminBootstrap>();
        services.AddPasskeys();

        services.Configure<OidcSettings>(configuration.GetSection(OidcSettings.Section));
        services.AddSingleton<OidcProviders>();
        var signInProviders = (configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings()).Providers
            .Where(p => !string.IsNullOrEmpty(p.Value.Authority))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var provider in signInProviders.Keys.Where(name => !ProviderName().IsMatch(name)))
        {
            throw new InvalidOperationException($"OpenID Connect provider name '{provider}' must be letters, digits and '-' only: it is part of the sign-in URL.");
        }

        var bearerProviders = signInProviders.Where(p => !string.IsNullOrEmpty(p.Value.ApiAudience)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

        var authentication = services.AddAuthentication(bearerProviders.Count == 0 ? JwtBearerDefaults.AuthenticationScheme : ProviderBearerAuthentication.SelectorScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.IncludeErrorDetails = false;
                options.Events = AccessTokenAuthentication.Events();
            })
            .AddScheme<AuthenticationSchemeOptions, PageSessionAuthenticationHandler>(PageSessionAuthentication.Scheme, configureOptions: null);
        if (bearerProviders.Count > 0)
        {
            ProviderBearerAuthentication.Add(authentication, bearerProviders);
        }

        ProviderSignIn.Add(authentication, signInProviders);

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens>((options, tokens) => options.TokenValidationParameters = tokens.AccessTokenParameters());

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        var requireAuthenticatedUser = RequireAuthenticatedUser(builder);
        var authorization = services.AddAuthorizationBuilder()
            // A local session: account management and logout need one, which a provider's bearer token does not carry.
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser().RequireClaim(VoiceAssist.BuildingBlocks.Contracts.Security.VoiceAssistClaims.SessionId))
            .AddPolicy(IdentityPolicies.AccountAdministrator, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Admin, policy => RoleOrDevelopmentUser(policy, requireAuthenticatedUser, Roles.Admin))
            .AddPolicy(Policies.Clinician, policy => RoleOrDevelopmentUser(policy, requireAuthenticatedUser, Roles.Clinician))
            .AddPolicy(Policies.Auditor, policy => RoleOrDevelopmentUser(policy, requireAuthenticatedUser, Roles.Auditor))
            .AddPolicy(Policies.Viewer, policy => RoleOrDevelopmentUser(policy, requireAuthenticatedUser, Roles.Viewer, Roles.Clinician, Roles.Admin));
        if (requireAuthenticatedUser)
        {
            // Every endpoint without its own authorization needs a signed-in user. Requests that match no endpoint
            // (static files of the voice page, unknown routes) pass, so the sign-in page itself can load.
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                    || (context.Resource is HttpContext http && http.GetEndpoint() is null))
                .Build());
        }

        services.Configure<BreakGlassSettings>(configuration.GetSection(BreakGlassSettings.Section));
        services.Configure<NextcloudSettings>(configuration.GetSection(NextcloudSettings.Section));
        services.AddScoped<OcsUserDirectory>();
        services.AddIdentityRateLimits(configuration.GetSection(IdentityRateLimits.Section).Get<IdentityRateLimits>() ?? new IdentityRateLimits());
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var identity = endpoints.MapGroup("/api/identity").WithTags("Identity");
        SignInEndpoints.Map(identity);
        ManageMfaEndpoints.Map(identity);
        CreateUserEndpoint.Map(identity);
        AcceptInvitationEndpoint.Map(identity);
        ChangeRoleEndpoint.Map(identity);
        EndAllUserSessionsEndpoint.Map(identity);
        Administration.UnlockUser.UnlockUserEndpoint.Map(identity);
        GetCurrentUserEndpoint.Map(identity);
        ChangeEmailEndpoint.Map(identity);
        ChangePasswordEndpoint.Map(identity);
        ListSessionsEndpoint.Map(identity);
        Security.ListSecurityNotices.ListSecurityNoticesEndpoint.Map(identity);
        RevokeSessionEndpoint.Map(identity);
        SignInToPageEndpoint.Map(identity);
        EnrollAtPageSignInEndpoints.Map(identity);
        IssuePageAccessTokenEndpoint.Map(identity);
        IssueSocketTicketEndpoint.Map(identity);
        SignOutOfPageEndpoint.Map(identity);
        if (PasskeyEndpoints.Offered(endpoints.ServiceProvider))
        {
            PasskeyEndpoints.Map(identity);
        }

        SyncNextcloudUsersEndpoint.Map(identity);
        foreach (var provider in endpoints.ServiceProvider.GetRequiredService<IOptions<OidcSettings>>().Value.Providers.Keys)
        {
            ProviderSignIn.Map(identity, provider);
            SignOutOfProviderEndpoint.Map(identity, provider);
        }

        ListProvidersEndpoint.Map(identity);
        CallerEndpoint.Map(identity);
        return endpoints;
    }

    /// <summary>Runs <c>--create-admin &lt;email&gt; [display name]</c>: creates the first administrator with a one-time
    /// invitation token printed once, and returns true; returns false when the arguments hold no identity command.</summary>
    public static async Task<bool> RunIdentityCommand(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--create-admin");
        if (at < 0)
        {
            return false;
        }

        var email = args.ElementAtOrDefault(at + 1) ?? throw new ArgumentException("Usage: --create-admin <email> [display name]", nameof(args));
        var displayName = args.ElementAtOrDefault(at + 2) is { } name && !name.StartsWith("--", StringComparison.Ordinal) ? name : "Administrator";
        await using var scope = app.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateFirstAdmin(email, displayName, Password: null)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"""
            Created administrator {admin.Id}.
            One-time invitation token (valid until {admin.InvitationExpiresAt:u}); give it to the administrator only:
            {admin.InvitationToken}
            They set their password with POST /api/identity/invitations/accept {"{"} "token": "...", "password": "..." {"}"}
            and enroll an authenticator at their first sign-in.
            """).ConfigureAwait(false);
        return true;
    }

    /// <summary>A signed-in caller must hold one of the roles. While <c>Identity:RequireAuthenticatedUser</c> is off
    /// (Development and Testing), an anonymous caller passes too, as the configured development user: that keeps
    /// other modules usable without sign-in there, while a real account is still held to its role.</summary>
    private static void RoleOrDevelopmentUser(AuthorizationPolicyBuilder policy, bool requireAuthenticatedUser, params string[] roles) =>
        policy.RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
            ? roles.Any(role => context.User.HasClaim(VoiceAssist.BuildingBlocks.Contracts.Security.VoiceAssistClaims.Role, role))
            : !requireAuthenticatedUser);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex ProviderName();

    private static bool RequireAuthenticatedUser(WebApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool?>("Identity:RequireAuthenticatedUser")
        ?? !(builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"));
}
