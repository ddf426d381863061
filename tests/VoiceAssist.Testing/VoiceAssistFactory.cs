using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VoiceAssist.Testing;

/// <summary>The real host, wired to a fresh database on the shared PostgreSQL and a Redis database of its own.
/// Use one per test class (<c>IClassFixture&lt;VoiceAssistFactory&gt;</c>).</summary>
public class VoiceAssistFactory : WebApplicationFactory<Program>
{
    public VoiceAssistFactory()
        : this(SharedServers.Postgres.CreateDatabase(), SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase()))
    {
    }

    protected VoiceAssistFactory(string databaseConnectionString, string redisConnectionString)
    {
        DatabaseConnectionString = databaseConnectionString;
        RedisConnectionString = redisConnectionString;
    }

    public string DatabaseConnectionString { get; }

    public string RedisConnectionString { get; }

    /// <summary>Extra settings a test class needs (key → value), applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: settings must be visible while Program registers services.
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:VoiceAssist"] = DatabaseConnectionString,
            ["ConnectionStrings:Redis"] = RedisConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Outbox:FirstRetryDelay"] = "00:00:00.100",
            ["RateLimiting:PermitsPerMinutePerClient"] = "100000",
            ["Identity:RateLimits:ExpensivePerMinutePerUser"] = "100000",
            ["Identity:RateLimits:ExpensivePerMinutePerIp"] = "100000",
            ["Identity:RequireAuthenticatedUser"] = "false",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
