using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.SignIn;

/// <summary>Two replicas of the host on one database and one Redis, with small limits. Each counts against the same
/// Redis counters, so the limit holds for the pair: with per-process counters every one of these tests would pass
/// twice the limit without a 429.</summary>
public class TwoReplicas : IdentityFactory
{
    public const int SignInPerIp = 6;
    public const int SignInPerAccount = 3;
    public const int RefreshPerIp = 4;
    public const int ExpensivePerUser = 3;

    private readonly Replica replica;

    public TwoReplicas()
    {
        replica = new Replica(this);
    }

    public override string RateLimitKeyPrefix { get; } = "ratelimit-" + Guid.NewGuid().ToString("N");

    /// <summary>The second host; started after the first, which migrates the database.</summary>
    public IdentityFactory Second
    {
        get
        {
            _ = Server;
            return replica;
        }
    }

    protected override IDictionary<string, string?> ExtraSettings => Limits;

    internal static Dictionary<string, string?> Limits => new()
    {
        ["Identity:RateLimits:SignInPerMinutePerIp"] = SignInPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:RateLimits:SignInPerMinutePerAccount"] = SignInPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:RateLimits:RefreshPerMinutePerIp"] = RefreshPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:RateLimits:ExpensivePerMinutePerUser"] = ExpensivePerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:RateLimits:ExpensivePerMinutePerIp"] = "1000",
    };

    public override async ValueTask DisposeAsync()
    {
        await replica.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class Replica(TwoReplicas first) : IdentityFactory(first.DatabaseConnectionString, first.RedisConnectionString)
    {
        public override string RateLimitKeyPrefix => first.RateLimitKeyPrefix;

        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(Limits)
        {
            ["Identity:Tokens:SigningKey"] = first.SigningKey.ExportPkcs8PrivateKeyPem(),
            ["Database:MigrateOnStartup"] = "false",
        };
    }
}

public sealed class SharedAccountRateLimitTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task Password_attempts_on_one_account_spread_over_two_replicas_share_one_limit()
    {
        var replicas = new[] { hosts.CreateClient(), hosts.Second.CreateClient() };
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= TwoReplicas.SignInPerAccount; i++)
        {
            last = await replicas[i % 2].PostAsJsonAsync("/api/identity/token", new { email = "target@hospital.example", password = "guess number " + i });
            statuses.Add(last.StatusCode);
        }

        statuses.Take(TwoReplicas.SignInPerAccount).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
    }

}

public sealed class PageAccountRateLimitTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task The_page_sign_in_over_the_account_limit_says_when_to_try_again()
    {
        var client = hosts.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= TwoReplicas.SignInPerAccount; i++)
        {
            last = await client.PostAsJsonAsync("/api/identity/session", new { email = "page-target@hospital.example", password = "guess number " + i });
            statuses.Add(last.StatusCode);
        }

        statuses.Take(TwoReplicas.SignInPerAccount).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized, "the per-address limit is not reached");
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
    }
}

public sealed class RateLimitKeyPrivacyTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task Redis_keys_of_the_per_account_counters_never_hold_the_typed_email()
    {
        const string email = "Clear.Text.Probe@Hospital.example";
        (await hosts.CreateClient().PostAsJsonAsync("/api/identity/token", new { email, password = "wrong" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(hosts.RedisConnectionString);
        var server = redis.GetServers().Single();
        var database = StackExchange.Redis.ConfigurationOptions.Parse(hosts.RedisConnectionString).DefaultDatabase ?? 0;
        var keys = server.Keys(database, hosts.RateLimitKeyPrefix + ":*").Select(k => k.ToString()).ToList();
        keys.Should().Contain(k => k.Contains("sign-in:account:", StringComparison.Ordinal), "the attempt was counted per account");
        keys.Should().NotContain(k => k.Contains("clear.text.probe", StringComparison.OrdinalIgnoreCase) || k.Contains("hospital.example", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class SharedMfaRateLimitTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task TOTP_and_recovery_code_attempts_from_one_address_over_two_replicas_share_one_limit()
    {
        var replicas = new[] { hosts.CreateClient(), hosts.Second.CreateClient() };
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= TwoReplicas.SignInPerIp; i++)
        {
            object body = i % 2 == 0 ? new { mfaToken = "stolen-or-guessed", code = "123456" } : new { mfaToken = "stolen-or-guessed", recoveryCode = "ABCD-EFGH-IJKL" };
            last = await replicas[i % 2].PostAsJsonAsync("/api/identity/token/mfa", body);
            statuses.Add(last.StatusCode);
        }

        statuses.Take(TwoReplicas.SignInPerIp).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
    }
}

public sealed class SharedRefreshRateLimitTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task Refresh_attempts_from_one_address_over_two_replicas_share_one_limit()
    {
        var replicas = new[] { hosts.CreateClient(), hosts.Second.CreateClient() };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TwoReplicas.RefreshPerIp; i++)
        {
            statuses.Add((await replicas[i % 2].PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken = "made-up-refresh-token-" + i })).StatusCode);
        }

        statuses.Take(TwoReplicas.RefreshPerIp).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
    }
}

public sealed class SharedExpensiveRateLimitTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task Conversation_turns_of_one_user_over_two_replicas_share_one_limit_and_other_users_are_unaffected()
    {
        var user = await hosts.CreateSignedInUser(Roles.Clinician);
        var onSecond = hosts.Second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
        var replicas = new[] { user.Client, onSecond };
        var conversation = (await (await user.Client.PostAsync("/api/conversations", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TwoReplicas.ExpensivePerUser; i++)
        {
            statuses.Add((await replicas[i % 2].PostAsJsonAsync($"/api/conversations/{conversation}/turns", new { text = "hello" })).StatusCode);
        }

        statuses.Take(TwoReplicas.ExpensivePerUser).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);

        var colleague = await hosts.CreateSignedInUser(Roles.Clinician);
        var theirs = (await (await colleague.Client.PostAsync("/api/conversations", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await colleague.Client.PostAsJsonAsync($"/api/conversations/{theirs}/turns", new { text = "hello" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
