using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.TransportSecurity;

/// <summary>Outside Development (the tests run as "Testing"), with redirection to HTTPS switched on.</summary>
public sealed class HttpsOnlyFactory : VoiceAssistFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:Transport:HttpsRedirection"] = "true",
        ["Security:Transport:HttpsPort"] = "443",
    };
}

public sealed class TransportSecurityTests(HttpsOnlyFactory factory) : IClassFixture<HttpsOnlyFactory>
{
    [Fact]
    public async Task An_https_response_carries_a_year_of_HSTS_including_subdomains()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://voiceassist.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000; includeSubDomains");
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_without_HSTS()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://voiceassist.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().Should().Be("https://voiceassist.example/health/live");
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("browsers ignore HSTS over plain HTTP (RFC 6797 8.1)");
    }

    [Fact]
    public void Every_cookie_is_secure_http_only_and_same_site_strict()
    {
        var policy = factory.Services.GetRequiredService<IOptions<CookiePolicyOptions>>().Value;

        policy.Secure.Should().Be(CookieSecurePolicy.Always);
        policy.HttpOnly.Should().Be(Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always);
        policy.MinimumSameSitePolicy.Should().Be(SameSiteMode.Strict);
    }
}
