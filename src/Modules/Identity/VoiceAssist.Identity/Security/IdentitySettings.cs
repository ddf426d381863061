namespace VoiceAssist.Identity.Security;

/// <summary>Access and refresh tokens (<c>Identity:Tokens</c>).</summary>
internal sealed class TokenSettings
{
    public const string Section = "Identity:Tokens";

    public string Issuer { get; set; } = "voiceassist";

    public string Audience { get; set; } = "voiceassist-api";

    /// <summary>PEM of the RSA private key that signs tokens. Required outside Development and Testing.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where Development keeps the key it generates when <see cref="SigningKey"/> is unset.</summary>
    public string DevelopmentKeyPath { get; set; } = ".local/identity-signing-key.pem";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Idle timeout: a session whose refresh token is not exchanged within this time ends.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Absolute lifetime of a session, however active.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Password rules an administrator sets (<c>Identity:Passwords</c>).</summary>
internal sealed class PasswordSettings
{
    public const string Section = "Identity:Passwords";

    /// <summary>The shortest password accepted; never below the floor of 12.</summary>
    public int MinimumLength { get; set; } = 12;
}

/// <summary>Sign-in throttling per account and client address (<c>Identity:Lockout</c>), shared by every way of proving
/// who you are.</summary>
internal sealed class LockoutSettings
{
    public const string Section = "Identity:Lockout";

    /// <summary>Failures from one address allowed before sign-in to the account from that address locks.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long such a lock lasts, however many attempts arrive meanwhile; the count then starts again (and
    /// also after this long without a failure).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Multi-factor authentication (<c>Identity:Mfa</c>). Admins and auditors always need it; in Production every
/// role does unless an administrator turns that off (ASVS 5.0 6.3.3: users who read PHI).</summary>
internal sealed class MfaSettings
{
    public const string Section = "Identity:Mfa";

    /// <summary>Require MFA (TOTP, or a passkey with user verification) for clinicians and viewers too. Unset: on
    /// outside Development and Testing. The console's security policy page sets this key.</summary>
    public bool? RequiredForAllRoles { get; set; }

    /// <summary>The issuer name authenticator apps show.</summary>
    public string AuthenticatorIssuer { get; set; } = "VoiceAssist";

    /// <summary>32 bytes, base64: the AES-256-GCM key TOTP secrets are encrypted with at rest. Required outside
    /// Development and Testing.</summary>
    public string? SecretEncryptionKey { get; set; }

    /// <summary>Where Development keeps the key it generates when <see cref="SecretEncryptionKey"/> is unset.</summary>
    public string DevelopmentKeyPath { get; set; } = ".local/identity-totp-key";
}

/// <summary>Accounts (<c>Identity:Accounts</c>).</summary>
internal sealed class AccountSettings
{
    public const string Section = "Identity:Accounts";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);
}

/// <summary>The first administrator, created at start-up when no admin exists (<c>Identity:Bootstrap</c>).</summary>
internal sealed class BootstrapSettings
{
    public const string Section = "Identity:Bootstrap";

    public string? AdminEmail { get; set; }

    /// <summary>Must satisfy the password rules; supply it as a secret, and remove it once the admin exists.</summary>
    public string? AdminPassword { get; set; }

    public string AdminDisplayName { get; set; } = "Administrator";
}

/// <summary>Nextcloud as a user directory (<c>Identity:Nextcloud</c>), read through its OCS provisioning API.</summary>
internal sealed class NextcloudSettings
{
    public const string Section = "Identity:Nextcloud";

    /// <summary>The Nextcloud server, e.g. <c>https://cloud.hospital.example/</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>A Nextcloud administrator (or group admin) account the sync reads users as.</summary>
    public string? UserName { get; set; }

    /// <summary>That account's app password (a secret).</summary>
    public string? AppPassword { get; set; }

    /// <summary>Nextcloud group → VoiceAssist role. Users in none of these groups are not synced.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Emergency ("break-glass") access to another user's record (<c>Identity:BreakGlass</c>).</summary>
internal sealed class BreakGlassSettings
{
    public const string Section = "Identity:BreakGlass";

    /// <summary>How long one grant lasts; a further emergency needs a new grant with its own reason.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(60);
}

/// <summary>Rate limits (<c>Identity:RateLimits</c>): fixed one-minute windows counted in Redis, so every replica
/// shares them.</summary>
internal sealed class IdentityRateLimits
{
    public const string Section = "Identity:RateLimits";

    /// <summary>Prefix of the counters' Redis keys; replicas that share limits share it.</summary>
    public string KeyPrefix { get; set; } = "ratelimit";

    /// <summary>Secret keying the HMAC that stands for an email in the per-account counters' Redis keys (replicas share
    /// it). Unset, the HMAC is keyed by a fixed value, which still keeps the email out of Redis in clear.</summary>
    public string? KeyHashSecret { get; set; }

    public int SignInPerMinutePerIp { get; set; } = 20;

    public int SignInPerMinutePerAccount { get; set; } = 10;

    public int RefreshPerMinutePerIp { get; set; } = 60;

    public int AccountChangesPerMinutePerUser { get; set; } = 20;

    /// <summary>Expensive endpoints (a conversation turn, a knowledge answer): per signed-in user.</summary>
    public int ExpensivePerMinutePerUser { get; set; } = 60;

    /// <summary>Expensive endpoints: per client address, whoever is signed in.</summary>
    public int ExpensivePerMinutePerIp { get; set; } = 120;
}

/// <summary>The clinician page's cookie sessions (<c>Identity:Sessions</c>).</summary>
internal sealed class PageSessionSettings
{
    public const string Section = "Identity:Sessions";

    /// <summary>Automatic logoff: a page session with no activity for this long ends (HIPAA §164.312(a)(2)(iii)).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A page session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Mark the cookie <c>Secure</c> and give it the <c>__Host-</c> name even when the request reached the host
    /// over plain HTTP (TLS ended at a proxy). Unset: on outside Development and Testing, otherwise only over HTTPS.</summary>
    public bool? SecureCookie { get; set; }

    /// <summary>Origins besides the host's own whose pages may use the session endpoints (e.g. the public address
    /// when a proxy rewrites the Host header).</summary>
    public List<string> TrustedOrigins { get; set; } = [];

    /// <summary>How often page sessions that timed out with nobody watching are ended and their logoff recorded.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Passkeys (WebAuthn) for the clinician page (<c>Identity:Passkeys</c>). A passkey is bound to the relying
/// party id (a domain) and answers only pages of the configured origins, so a look-alike site cannot use it. Outside
/// Development and Testing passkeys are offered only once <see cref="RelyingPartyId"/> is set; there, unset values
/// come from the request (its host name and its own origin), which suits a developer's machine.</summary>
internal sealed class PasskeySettings
{
    public const string Section = "Identity:Passkeys";

    /// <summary>The WebAuthn relying party id: the site's domain, e.g. <c>voiceassist.hospital.example</c>. Changing
    /// it later makes every registered passkey unusable.</summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>The page origins a passkey answer may come from, e.g. <c>https://voiceassist.hospital.example</c>;
    /// empty means the request's own origin.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>How long a registration or sign-in challenge stays valid; each is good for one answer.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
