namespace VoiceAssist.Identity.Sessions;

/// <summary>One sign-in: the family of refresh tokens it issues. Revoking it ends every token of the family,
/// access tokens included (they carry its id and are checked against it on every request).</summary>
internal sealed class Session
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string AuthenticationMethods { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastRefreshedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>A refresh token, stored as its SHA-256 hash. Exchanged once: <see cref="UsedAt"/> set means it was rotated.</summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
