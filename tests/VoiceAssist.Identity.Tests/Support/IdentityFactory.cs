using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>The real host with a bootstrap administrator, a signing key the tests know (to forge tokens that differ
/// from a real one in exactly one respect), an adjustable clock, and sign-in limits high enough for the tests.</summary>
public class IdentityFactory : VoiceAssistFactory
{
    public const string AdminEmail = "first.admin@hospital.example";
    public const string AdminPassword = "violet otter ferries 4 lanterns";

    public IdentityFactory()
    {
    }

    /// <summary>A further host on an existing database and Redis, as a second replica.</summary>
    protected IdentityFactory(string databaseConnectionString, string redisConnectionString)
        : base(databaseConnectionString, redisConnectionString)
    {
    }

    public RSA SigningKey { get; } = RSA.Create(2048);

    public AdjustableTime Time { get; } = new();

    /// <summary>Each host's rate-limit counters apart from other test classes' that share a Redis database.</summary>
    public virtual string RateLimitKeyPrefix { get; } = "ratelimit-" + Guid.NewGuid().ToString("N");

    /// <summary>What an authenticator app on each test user's phone holds: the TOTP secret and the last step used.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, (string Secret, long LastStep)> Authenticators { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Bootstrap:AdminEmail"] = AdminEmail,
        ["Identity:Bootstrap:AdminPassword"] = AdminPassword,
        ["Identity:Tokens:SigningKey"] = SigningKey.ExportPkcs8PrivateKeyPem(),
        ["Identity:RateLimits:SignInPerMinutePerIp"] = "100000",
        ["Identity:RateLimits:SignInPerMinutePerAccount"] = "100000",
        ["Identity:RateLimits:RefreshPerMinutePerIp"] = "100000",
        ["Identity:RateLimits:AccountChangesPerMinutePerUser"] = "100000",
        ["Identity:RateLimits:ExpensivePerMinutePerUser"] = "100000",
        ["Identity:RateLimits:ExpensivePerMinutePerIp"] = "100000",
        ["Identity:RateLimits:KeyPrefix"] = RateLimitKeyPrefix,
    }.Concat(ExtraSettings).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value);

    /// <summary>The administrator's tokens, signed in once per host: each full sign-in spends a TOTP time step.</summary>
    internal Tokens? AdminTokens { get; set; }

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            SigningKey.Dispose();
        }

        base.Dispose(disposing);
    }
}
