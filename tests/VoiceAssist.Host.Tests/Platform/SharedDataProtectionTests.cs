using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>Two replicas of the host on one database and one Redis, as behind a load balancer.</summary>
public sealed class TwoReplicas : VoiceAssistFactory
{
    private readonly Lazy<Replica> second;

    public TwoReplicas()
    {
        second = new Lazy<Replica>(() =>
        {
            _ = Server; // the first host migrates the database
            return new Replica(DatabaseConnectionString, RedisConnectionString);
        });
    }

    public VoiceAssistFactory Second => second.Value;

    public override async ValueTask DisposeAsync()
    {
        if (second.IsValueCreated)
        {
            await second.Value.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private sealed class Replica(string database, string redis) : VoiceAssistFactory(database, redis)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" };
    }
}

public sealed partial class SharedDataProtectionTests(TwoReplicas hosts) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task A_page_session_and_an_antiforgery_token_issued_by_one_replica_are_accepted_by_the_other()
    {
        var admin = await hosts.CreateBrowserAccount(Roles.Admin);
        var first = new CookieClient(hosts);
        var second = new CookieClient(hosts.Second);

        var signIn = await first.Send(HttpMethod.Post, "/api/identity/session",
            JsonContent.Create(new { email = admin.Email, password = admin.Password, code = admin.CurrentCode() }));
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var form = await first.Send(HttpMethod.Get, "/admin/policy");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        token.Should().NotBeEmpty();

        // The second replica gets the first one's cookies (page session and antiforgery) and form token.
        second.Cookies = new Dictionary<string, string>(first.Cookies);
        (await second.Send(HttpMethod.Get, "/admin/policy")).StatusCode.Should().Be(HttpStatusCode.OK, "the page session is accepted");
        var post = await second.Send(HttpMethod.Post, "/admin/policy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Reason"] = "",
        }));
        post.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Found], "the antiforgery token and cookie decrypt under the shared key ring");

        var forged = await second.Send(HttpMethod.Post, "/admin/policy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token[..^4] + "AAAA",
            ["Reason"] = "",
        }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the token is really checked");

        // Replicas in one test process could also meet in a key folder on the local disk; in a cluster they do not.
        // The key ring must be the one in Redis.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(hosts.RedisConnectionString);
        var keys = await redis.GetDatabase().ListRangeAsync("voiceassist:data-protection-keys");
        keys.Should().NotBeEmpty();
        keys.Select(k => k.ToString()).Should().Contain(k => k.Contains("<key id=", StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A client that keeps cookies itself, so they can be handed to another replica.</summary>
    private sealed class CookieClient(WebApplicationFactory<Program> host)
    {
        private readonly HttpClient client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        public Dictionary<string, string> Cookies { get; set; } = [];

        public async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
            if (Cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                    Cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}
