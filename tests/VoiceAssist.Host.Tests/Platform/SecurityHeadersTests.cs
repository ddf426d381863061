using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>Every response carries the host's security headers; API answers (tokens, MFA keys, recovery codes, invitation
/// tokens, PHI) are never stored by a browser or proxy; the page's source map is not served outside Development.</summary>
public sealed class SecurityHeadersTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/api/does-not-exist")]
    [InlineData("/app.js")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
            .And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline").And.NotContain("'unsafe-eval'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("microphone=(self)").And.Contain("camera=()");
    }

    [Fact]
    public async Task The_voice_page_may_compile_its_webassembly_but_the_rest_of_the_host_may_not()
    {
        var client = factory.CreateClient();

        var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        var api = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self' 'wasm-unsafe-eval';");
        api.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';");
    }

    [Fact]
    public async Task Tokens_mfa_keys_recovery_codes_invitations_and_phi_are_never_stored()
    {
        var client = factory.CreateClient();
        var account = await factory.CreatePasswordAccount("clinician");

        var token = await client.PostAsJsonAsync("/api/identity/token", new { email = account.Email, password = account.Password });
        ShouldNotBeStored(token);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tokens").GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        ShouldNotBeStored(await client.PostAsJsonAsync("/api/identity/me/mfa/totp", new { password = account.Password }));
        var started = await client.PostAsync(new Uri("/api/conversations", UriKind.Relative), null);
        ShouldNotBeStored(started);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        ShouldNotBeStored(await client.GetAsync(new Uri($"/api/conversations/{id}", UriKind.Relative)));

        var admin = await factory.CreateClientSignedInAs("admin");
        ShouldNotBeStored(await admin.PostAsJsonAsync("/api/identity/users", new { email = $"invited.{Guid.NewGuid():N}@tests.example", displayName = "Invited", role = "viewer" }));
    }

    [Fact]
    public async Task The_page_script_may_be_cached_but_its_source_map_is_not_served_outside_development()
    {
        var client = factory.CreateClient();

        var script = await client.GetAsync(new Uri("/app.js", UriKind.Relative));
        var map = await client.GetAsync(new Uri("/app.js.map", UriKind.Relative));

        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Headers.CacheControl?.NoStore.Should().NotBe(true);
        map.StatusCode.Should().Be(HttpStatusCode.NotFound);
        File.Exists(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "VoiceAssist.Host", "wwwroot", "app.js.map"))
            .Should().BeTrue("the map is built beside the script; it is the host that keeps it back");
    }

    private static void ShouldNotBeStored(HttpResponseMessage response)
    {
        ((int)response.StatusCode).Should().BeInRange(200, 299, response.RequestMessage!.RequestUri!.ToString());
        response.Headers.CacheControl!.NoStore.Should().BeTrue(response.RequestMessage.RequestUri.ToString());
    }
}
