using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.SingleSignOn;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>id_tokens that differ from a good one in exactly one respect are refused (OpenID Connect Core 1.0
/// section 3.1.3.7), validated against the running provider's discovery document and JWKS.</summary>
public sealed class IdTokenValidationTests(SsoFactory factory) : IClassFixture<SsoFactory>
{
    private const string Nonce = "nonce-of-this-sign-in";

    [Fact]
    public async Task Accepts_a_token_signed_by_the_provider_for_this_client_and_sign_in()
    {
        var result = await Validate(Token());
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.ClaimsIdentity.FindFirst("sub")!.Value.Should().Be("dr.house");
    }

    [Fact]
    public async Task Rejects_a_token_with_another_nonce() =>
        (await Validate(Token(nonce: "nonce-of-another-sign-in"))).IsValid.Should().BeFalse();

    [Fact]
    public async Task Rejects_a_token_from_another_issuer() =>
        (await Validate(Token(issuer: "http://127.0.0.1:1/"))).IsValid.Should().BeFalse();

    [Fact]
    public async Task Rejects_a_token_for_another_client() =>
        (await Validate(Token(audience: "another-client"))).IsValid.Should().BeFalse();

    [Fact]
    public async Task Rejects_an_expired_token() =>
        (await Validate(Token(expires: factory.Time.GetUtcNow().UtcDateTime.AddMinutes(-5)))).IsValid.Should().BeFalse();

    [Fact]
    public async Task Rejects_a_token_signed_by_another_key_under_the_providers_key_id()
    {
        using var other = RSA.Create(2048);
        (await Validate(Token(key: other))).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Rejects_an_algorithm_outside_the_allow_list() =>
        (await Validate(Token(algorithm: SecurityAlgorithms.RsaSha384))).IsValid.Should().BeFalse();

    [Fact]
    public async Task Rejects_a_token_without_a_nonce() =>
        (await Validate(Token(nonce: null))).IsValid.Should().BeFalse();

    private Task<TokenValidationResult> Validate(string token) =>
        factory.Services.GetRequiredService<OidcProviders>().ValidateIdToken(SsoFactory.ProviderName, token, Nonce, CancellationToken.None);

    private string Token(string? issuer = null, string audience = TestProvider.ClientId, string? nonce = Nonce, DateTime? expires = null, RSA? key = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = "dr.house", ["email"] = "dr.house@hospital.example" };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? factory.Provider.Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddMinutes(10)).AddMinutes(-10),
            NotBefore = (expires ?? now.AddMinutes(10)).AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? factory.Provider.SigningKey) { KeyId = TestProvider.KeyId }, algorithm),
        });
    }
}
