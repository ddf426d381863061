using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.SingleSignOn.SignInWithProvider;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>The host on a real loopback Kestrel port (the provider redirects a real browser back to it), with the
/// test provider configured as <c>hospital</c>: its clinicians and administrators groups mapped, no default role.</summary>
public sealed class SsoFactory : IdentityFactory
{
    public const string ProviderName = "hospital";

    public SsoFactory()
    {
        HostPort = LocalProcess.FreePort();
        Provider = new TestProvider(HostPort);
        UseKestrel(HostPort);
        StartServer();
    }

    public int HostPort { get; }

    public string BaseUrl => $"http://127.0.0.1:{HostPort}";

    public TestProvider Provider { get; }

    /// <summary>The host's way to the provider's token endpoint, where tests swap the id_token.</summary>
    public TokenEndpointSwap TokenSwap { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>(
            ProviderSignIn.SchemeOf(ProviderName),
            options => options.Backchannel = new HttpClient(TokenSwap, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) }));
    }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Identity:RequireAuthenticatedUser"] = "true",
        [$"Identity:Oidc:Providers:{ProviderName}:Authority"] = Provider.Issuer,
        [$"Identity:Oidc:Providers:{ProviderName}:ClientId"] = TestProvider.ClientId,
        [$"Identity:Oidc:Providers:{ProviderName}:ClientSecret"] = TestProvider.ClientSecret,
        [$"Identity:Oidc:Providers:{ProviderName}:Scopes"] = "openid email profile groups",
        [$"Identity:Oidc:Providers:{ProviderName}:RoleClaim"] = "groups",
        [$"Identity:Oidc:Providers:{ProviderName}:RoleMap:voiceassist-clinicians"] = "clinician",
        [$"Identity:Oidc:Providers:{ProviderName}:RoleMap:voiceassist-admins"] = "admin",
        [$"Identity:Oidc:Providers:{ProviderName}:RoleMap:voiceassist-auditors"] = "auditor",
        [$"Identity:Oidc:Providers:{ProviderName}:ApiAudience"] = TestProvider.ApiAudience,
        [$"Identity:Oidc:Providers:{ProviderName}:PostLogoutRedirectUri"] = $"http://127.0.0.1:{HostPort}/",
        [$"Identity:Oidc:Providers:{ProviderName}:RequireHttpsMetadata"] = "false",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Provider.Dispose();
            TokenSwap.Dispose();
        }
    }
}
