using System.Net;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.SignIn;

public sealed class AccountRateLimitTests(AccountRateLimitTests.Factory factory) : IClassFixture<AccountRateLimitTests.Factory>
{
    [Fact]
    public async Task Sign_in_attempts_on_one_account_are_limited_whatever_else_is_tried()
    {
        var api = new IdentityApi(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await api.PostPassword("target@hospital.example", "guess number " + i)).StatusCode);
        }

        statuses.Take(3).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[3].Should().Be(HttpStatusCode.TooManyRequests);
        (await api.PostPassword("someone.else@hospital.example", "guess")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the limit is per account");
    }

    public sealed class Factory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Identity:RateLimits:SignInPerMinutePerAccount"] = "3" };
    }
}

public sealed class AddressRateLimitTests(AddressRateLimitTests.Factory factory) : IClassFixture<AddressRateLimitTests.Factory>
{
    [Fact]
    public async Task Sign_in_and_refresh_attempts_from_one_address_are_limited()
    {
        var api = new IdentityApi(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await api.PostPassword($"user{i}@hospital.example", "guess")).StatusCode);
        }

        var refreshes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            refreshes.Add((await api.Refresh("made-up-refresh-token-" + i)).StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
        refreshes.Take(5).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        refreshes[5].Should().Be(HttpStatusCode.TooManyRequests);
    }

    public sealed class Factory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Identity:RateLimits:SignInPerMinutePerIp"] = "5",
            ["Identity:RateLimits:RefreshPerMinutePerIp"] = "5",
        };
    }
}
