using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Tokens;

/// <summary>Issues and validates the module's JWTs: access tokens (<c>typ: at+jwt</c>, RFC 9068) for the API and the
/// voice WebSocket, and short-lived MFA tokens (<c>typ: mfa+jwt</c>) that only carry a sign-in between its password
/// step and its second factor. Each kind is valid only where it is meant to be: different type and audience.</summary>
internal sealed class AccessTokens(SigningKeys keys, IOptions<TokenSettings> options, TimeProvider time)
{
    public const string AccessTokenType = "at+jwt";
    public const string MfaTokenType = "mfa+jwt";
    public static readonly TimeSpan MfaTokenLifetime = TimeSpan.FromMinutes(5);
    private const string PurposeClaim = "purpose";
    private const string StampClaim = "stamp";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    private TokenSettings Settings => options.Value;

    private string MfaAudience => Settings.Audience + ":mfa";

    public string IssueAccessToken(User user, Session session, DateTimeOffset now) =>
        handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Settings.AccessTokenLifetime).UtcDateTime,
            TokenType = AccessTokenType,
            SigningCredentials = keys.Credentials,
            Claims = new Dictionary<string, object>
            {
                [VoiceAssistClaims.Subject] = user.Id.ToString(),
                [VoiceAssistClaims.SessionId] = session.Id.ToString(),
                [VoiceAssistClaims.Role] = user.Role,
                [VoiceAssistClaims.Name] = user.DisplayName,
                [VoiceAssistClaims.AuthenticationMethods] = session.AuthenticationMethods.Split(' '),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                ["auth_time"] = session.CreatedAt.ToUnixTimeSeconds(),
            },
        });

    public string IssueMfaToken(User user, string purpose, DateTimeOffset now) =>
        handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = MfaAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + MfaTokenLifetime).UtcDateTime,
            TokenType = MfaTokenType,
            SigningCredentials = keys.Credentials,
            Claims = new Dictionary<string, object>
            {
                [VoiceAssistClaims.Subject] = user.Id.ToString(),
                [PurposeClaim] = purpose,
                // Ties the token to the account's current security stamp: a password change voids pending sign-ins.
                [StampClaim] = Secrets.Hash(user.SecurityStamp ?? ""),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            },
        });

    /// <summary>The account an MFA token was issued to, when it is valid, unexpired and for this purpose.</summary>
    public async Task<(Guid UserId, string Stamp)?> ValidateMfaToken(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(MfaAudience, MfaTokenType)).ConfigureAwait(false);
        return result.IsValid
               && result.Claims.TryGetValue(PurposeClaim, out var claimed) && Equals(claimed, purpose)
               && result.Claims.TryGetValue(VoiceAssistClaims.Subject, out var subject) && Guid.TryParse(subject as string, out var userId)
               && result.Claims.TryGetValue(StampClaim, out var stamp) && stamp is string stampHash
            ? (userId, stampHash)
            : null;
    }

    /// <summary>Strict validation of access tokens: RS256 only (no <c>none</c>, no HMAC), this issuer and audience,
    /// a lifetime that has begun and not ended, a signature by the configured key, and <c>typ: at+jwt</c>.</summary>
    public TokenValidationParameters AccessTokenParameters() => Parameters(Settings.Audience, AccessTokenType);

    /// <summary>The standard lifetime rule (an expiry is required; not before <c>nbf</c>, not after <c>exp</c>, give or
    /// take the clock skew) judged by the same clock that stamps the tokens.</summary>
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp
               && (notBefore is not { } nbf || (nbf <= exp && nbf <= now + parameters.ClockSkew))
               && exp >= now - parameters.ClockSkew;
    }

    private TokenValidationParameters Parameters(string audience, string type) => new()
    {
        ValidIssuer = Settings.Issuer,
        ValidAudience = audience,
        IssuerSigningKey = keys.ValidationKey,
        ValidAlgorithms = [SigningKeys.Algorithm],
        ValidTypes = [type],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        TryAllIssuerSigningKeys = false,
        ClockSkew = Settings.ClockSkew,
        LifetimeValidator = ValidLifetime,
        NameClaimType = VoiceAssistClaims.Subject,
        RoleClaimType = VoiceAssistClaims.Role,
    };
}
