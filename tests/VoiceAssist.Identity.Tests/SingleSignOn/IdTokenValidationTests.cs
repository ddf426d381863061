using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>id_tokens that differ from the provider's real one in exactly one respect are refused (OpenID Connect Core
/// 1.0 section 3.1.3.7) by the host's OpenID Connect handler, in a real sign-in: the browser signs in at the running
/// provider, and the id_token of the provider's token response is swapped on its way to the handler. A refused
/// sign-in answers the bare 401 of every failed sign-in and starts no session.</summary>
public sealed class IdTokenValidationTests(SsoFactory factory) : IClassFixture<SsoFactory>, IDisposable
{
    private string LoginUrl => $"{factory.BaseUrl}/api/identity/sso/{SsoFactory.ProviderName}/login";

    private string CallbackUrl => $"{factory.BaseUrl}/api/identity/sso/{SsoFactory.ProviderName}/callback";

    public void Dispose() => factory.TokenSwap.Forge = null;

    [Fact]
    public async Task Accepts_a_token_signed_by_the_provider_for_this_client_and_sign_in()
    {
        const string login = "dr.house";
        factory.TokenSwap.Forge = real => Token(real);
        await using var browser = await SsoBrowser.Launch();
        var page = await browser.SignIn(LoginUrl, $"{factory.BaseUrl}/", login);

        page.Url.Should().NotStartWith(CallbackUrl, "the callback sent the browser on to the voice page");
        (await browser.Context.CookiesAsync()).Should().Contain(c => c.Name == "voiceassist-session");
        factory.TokenSwap.Swapped.Should().BeGreaterThan(0, "the handler validated the re-made token, not the provider's");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().ExternalLogins.AnyAsync(l => l.Subject == login)).Should().BeTrue();
    }

    [Fact]
    public Task Rejects_a_token_with_another_nonce() => Refused("dr.nonce", real => Token(real, nonce: "nonce-of-another-sign-in"));

    [Fact]
    public Task Rejects_a_token_without_a_nonce() => Refused("dr.nononce", real => Token(real, nonce: null));

    [Fact]
    public Task Rejects_a_token_from_another_issuer() => Refused("dr.issuer", real => Token(real, issuer: "http://127.0.0.1:1"));

    [Fact]
    public Task Rejects_a_token_for_another_client() => Refused("dr.audience", real => Token(real, audience: "another-client"));

    [Fact]
    public Task Rejects_an_expired_token() => Refused("dr.expired", real => Token(real, expires: factory.Time.GetUtcNow().UtcDateTime.AddMinutes(-5)));

    [Fact]
    public Task Rejects_a_token_signed_by_another_key_under_the_providers_key_id() => Refused("dr.key", real =>
    {
        using var other = RSA.Create(2048);
        return Token(real, key: other);
    });

    [Fact]
    public Task Rejects_an_algorithm_outside_the_allow_list() => Refused("dr.algorithm", real => Token(real, algorithm: SecurityAlgorithms.RsaSha384));

    private async Task Refused(string login, Func<JsonWebToken, string> forge)
    {
        var swappedBefore = factory.TokenSwap.Swapped;
        factory.TokenSwap.Forge = forge;
        await using var browser = await SsoBrowser.Launch();
        var page = await browser.SignIn(LoginUrl, CallbackUrl, login);

        (await SsoBrowser.JsonOf(page)).GetProperty("status").GetInt32().Should().Be(401);
        factory.TokenSwap.Swapped.Should().Be(swappedBefore + 1, "the provider's real token was swapped for the forged one");
        (await browser.Context.CookiesAsync()).Should().NotContain(c => c.Name == "voiceassist-session");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().ExternalLogins.AnyAsync(l => l.Subject == login)).Should().BeFalse("no account was provisioned");
    }

    /// <summary>The provider's token with its claims kept, re-signed, and at most one respect changed.</summary>
    private string Token(JsonWebToken real, string? issuer = null, string? audience = null, string? nonce = "", DateTime? expires = null, RSA? key = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(real.EncodedPayload)))!.AsObject();
        payload["iss"] = issuer ?? real.Issuer;
        payload["aud"] = audience ?? TestProvider.ClientId;
        if (nonce is null)
        {
            payload.Remove("nonce");
        }
        else if (nonce.Length > 0)
        {
            payload["nonce"] = nonce;
        }

        var exp = expires ?? factory.Time.GetUtcNow().UtcDateTime.AddMinutes(10);
        payload["exp"] = new DateTimeOffset(exp, TimeSpan.Zero).ToUnixTimeSeconds();
        payload["iat"] = new DateTimeOffset(exp.AddMinutes(-10), TimeSpan.Zero).ToUnixTimeSeconds();
        payload.Remove("nbf");
        return new JsonWebTokenHandler().CreateToken(
            payload.ToJsonString(),
            new SigningCredentials(new RsaSecurityKey(key ?? factory.Provider.SigningKey) { KeyId = TestProvider.KeyId }, algorithm));
    }
}
