using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Tokens;

/// <summary>Forged access tokens, each differing from a good one in exactly one respect, against a real session.
/// The control token proves the forgery harness makes tokens the host accepts, so each 401 is the check under test.</summary>
public sealed class TokenAttackTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private const string Issuer = "voiceassist";
    private const string Audience = "voiceassist-api";

    private readonly IdentityApi api = new(factory);

    public static TheoryData<string> Attacks =>
    [
        "alg none", "alg none without typ", "HS256 signed with the public key", "wrong key", "wrong issuer", "wrong audience",
        "expired", "not yet valid", "no expiry", "tampered payload", "typ JWT", "no typ", "unknown session", "garbage",
    ];

    [Fact]
    public async Task A_token_forged_with_the_real_key_and_all_the_right_values_is_accepted()
    {
        var (subject, session) = await LiveSession();

        var response = await api.As(Forge(subject, session)).GetAsync("/api/identity/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_forged_token_is_refused_with_a_bare_401(string attack)
    {
        var (subject, session) = await LiveSession();
        var now = factory.Time.GetUtcNow();
        var token = attack switch
        {
            "alg none" => Unsigned(new { alg = "none", typ = "at+jwt" }, Claims(subject, session, now)),
            "alg none without typ" => Unsigned(new { alg = "none" }, Claims(subject, session, now)),
            "HS256 signed with the public key" => HmacWithPublicKey(subject, session, now),
            "wrong key" => Forge(subject, session, key: RSA.Create(2048)),
            "wrong issuer" => Forge(subject, session, issuer: "https://evil.example"),
            "wrong audience" => Forge(subject, session, audience: "some-other-api"),
            "expired" => Forge(subject, session, notBefore: now.AddMinutes(-30), expires: now.AddMinutes(-10)),
            "not yet valid" => Forge(subject, session, notBefore: now.AddMinutes(10), expires: now.AddMinutes(25)),
            "no expiry" => Forge(subject, session, expires: DateTimeOffset.MinValue),
            "tampered payload" => Tamper(Forge(subject, session)),
            "typ JWT" => Forge(subject, session, type: "JWT"),
            "no typ" => Forge(subject, session, type: ""),
            "unknown session" => Forge(subject, Guid.NewGuid()),
            _ => "not.a.token",
        };

        var response = await api.As(token).GetAsync("/api/identity/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContainAny("IDX", "signature", "lifetime", "expired", "issuer", "audience", "kid", "algorithm", "Exception");
    }

    [Fact]
    public async Task A_replayed_refresh_token_is_a_bare_401()
    {
        var user = await api.CreateUser("clinician");
        var tokens = await api.SignIn(user.Email, user.Password);
        await api.Refresh(tokens.RefreshToken);

        var replay = await api.Refresh(tokens.RefreshToken);

        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = await replay.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Sign-in failed.");
        problem.TryGetProperty("detail", out _).Should().BeFalse();
    }

    private async Task<(Guid Subject, Guid Session)> LiveSession()
    {
        var user = await api.CreateUser("clinician");
        var tokens = await api.SignIn(user.Email, user.Password);
        return (user.Id, tokens.SessionId);
    }

    private static Dictionary<string, object> Claims(Guid subject, Guid session, DateTimeOffset now) => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["sub"] = subject.ToString(),
        ["sid"] = session.ToString(),
        ["role"] = "admin",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
    };

    private string Forge(
        Guid subject, Guid session, RSA? key = null, string issuer = Issuer, string audience = Audience,
        DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, string type = "at+jwt")
    {
        var now = factory.Time.GetUtcNow();
        var signingKey = new RsaSecurityKey(key ?? factory.SigningKey);
        signingKey.KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(factory.SigningKey.ExportParameters(false)).ComputeJwkThumbprint());
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = expires == DateTimeOffset.MinValue ? null : (expires ?? now.AddMinutes(15)).UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            TokenType = type.Length == 0 ? null : type,
            Claims = new Dictionary<string, object> { ["sub"] = subject.ToString(), ["sid"] = session.ToString(), ["role"] = "clinician" },
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(descriptor);
        return type.Length == 0 ? WithoutTyp(token) : token;
    }

    /// <summary>The classic key-confusion attack: the server's public key used as an HMAC secret.</summary>
    private string HmacWithPublicKey(Guid subject, Guid session, DateTimeOffset now)
    {
        var header = Segment(new { alg = "HS256", typ = "at+jwt" });
        var payload = Segment(Claims(subject, session, now));
        var publicKeyPem = factory.SigningKey.ExportSubjectPublicKeyInfoPem();
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(publicKeyPem), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static string Unsigned(object header, object payload) => $"{Segment(header)}.{Segment(payload)}.";

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var changed = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        changed["role"] = "admin";
        return $"{parts[0]}.{Segment(changed)}.{parts[2]}";
    }

    private string WithoutTyp(string token)
    {
        // Re-sign with a header that has no typ at all, so only the missing type differs.
        var parts = token.Split('.');
        var header = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[0]))!;
        header.Remove("typ");
        var signingInput = $"{Segment(header)}.{parts[1]}";
        var signature = factory.SigningKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static string Segment(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
}
