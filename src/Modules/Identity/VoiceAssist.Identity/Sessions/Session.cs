using System.Linq.Expressions;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Sessions;

/// <summary>One sign-in: the family of refresh tokens it issues (<see cref="SessionKind.Token"/>), or the clinician
/// page's cookie session that hands the page its access tokens (<see cref="SessionKind.Page"/>). Revoking it ends every
/// token of the family, access tokens included (they carry its id and are checked against it on every request).</summary>
internal sealed class Session
{
    public string Kind { get; set; } = SessionKind.Token;

    /// <summary>SHA-256 of the page session's cookie; null for a token session.</summary>
    public string? CookieHash { get; set; }

    /// <summary>The user's last activity a page session saw (sign-in, or a report from the page).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>When a page session ends without further activity (automatic logoff); null for a token session, whose
    /// idle timeout is its refresh token's lifetime.</summary>
    public DateTimeOffset? IdleExpiresAt { get; set; }

    /// <summary>The OpenID Connect provider a page session was signed in through, if any.</summary>
    public string? Provider { get; set; }

    /// <summary>That provider's id_token, encrypted, handed back as <c>id_token_hint</c> at logout.</summary>
    public string? IdTokenHint { get; set; }

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

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now && (IdleExpiresAt is null || IdleExpiresAt > now);

    /// <summary><see cref="IsActiveAt"/> as a query filter, for the database to evaluate.</summary>
    public static Expression<Func<Session, bool>> ActiveAt(DateTimeOffset now) =>
        s => s.RevokedAt == null && s.ExpiresAt > now && (s.IdleExpiresAt == null || s.IdleExpiresAt > now);
}

internal static class SessionQueries
{
    /// <summary>Sessions in force: active (<see cref="Session.ActiveAt"/>) and of an account that is not disabled. What
    /// every request's access token and every open voice socket is checked against.</summary>
    public static IQueryable<Session> LiveSessions(this IdentityDbContext db, DateTimeOffset now) =>
        db.Sessions.Where(Session.ActiveAt(now)).Where(s => db.Users.Any(u => u.Id == s.UserId && u.DisabledAt == null));
}

internal static class SessionKind
{
    public const string Token = "token";
    public const string Page = "page";
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
