using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>Behind a TLS-terminating ingress the host is reached over plain HTTP from the ingress's address, which passes
/// on what the browser used in <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and <c>X-Forwarded-For</c>. From a
/// trusted proxy network those are applied before anything else, so HSTS is sent and the page's same-origin check sees
/// the browser's own origin; from any other address they are ignored.</summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.BehindIngress factory) : IClassFixture<ForwardedHeadersTests.BehindIngress>
{
    private static readonly IPAddress Ingress = IPAddress.Parse("10.42.0.7");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.23");

    [Fact]
    public async Task Hsts_is_sent_when_a_trusted_proxy_says_the_browser_used_https()
    {
        var response = await Send(Ingress, "GET", "/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        string.Join(",", response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts : []).Should().Be("max-age=31536000; includeSubDomains");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        var response = await Send(Stranger, "GET", "/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request reached the host over plain HTTP and nobody trusted says otherwise");
    }

    [Fact]
    public async Task The_page_signs_in_behind_the_ingress()
    {
        var account = await factory.CreatePasswordAccount("clinician");
        var body = JsonSerializer.Serialize(new { email = account.Email, password = account.Password });

        var response = await Send(Ingress, "POST", "/api/identity/session", body, origin: "https://voice.hospital.example");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await Read(response));
        string.Join(";", response.Headers.GetValues("Set-Cookie")).Should().Contain("__Host-voiceassist-session", "the browser reached the host over HTTPS, so the cookie is a secure host-only one");
    }

    [Fact]
    public async Task The_same_sign_in_through_an_untrusted_address_is_refused_as_cross_site()
    {
        var account = await factory.CreatePasswordAccount("clinician");
        var body = JsonSerializer.Serialize(new { email = account.Email, password = account.Password });

        var response = await Send(Stranger, "POST", "/api/identity/session", body, origin: "https://voice.hospital.example");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Read(response)).Should().Contain("Cross-site request refused.");
    }

    /// <summary>A request as the ingress forwards it: plain HTTP to the pod's own host name, from <paramref name="from"/>,
    /// with the browser's scheme, host and address in the forwarded headers.</summary>
    private async Task<HttpResponseMessage> Send(IPAddress from, string method, string path, string? json = null, string? origin = null)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://voiceassist.voiceassist.svc:8080/"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Add(PeerAddress.Header, from.ToString());
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "voice.hospital.example");
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static Task<string> Read(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    /// <summary>TestServer has no peer address; this sets it from a test header, in front of everything (the forwarded
    /// headers included), as the network would.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public const string Header = "X-Test-Peer-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public sealed class BehindIngress : VoiceAssistFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new PeerAddress())));
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownNetworks"] = "10.42.0.0/16",
            ["ForwardedHeaders:AllowedHosts"] = "voice.hospital.example",
        };
    }
}
