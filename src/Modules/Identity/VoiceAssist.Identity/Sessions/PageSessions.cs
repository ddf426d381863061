using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Sessions;

/// <summary>A page session just begun: the cookie's secret (given to the browser once, stored only as its hash).</summary>
internal sealed record PageSessionTicket(string Cookie, Session Session);

/// <summary>What the page gets from its cookie session: a short-lived access token for the API and the voice socket,
/// and the deadlines it needs to refresh in time and to log off when the server does.</summary>
internal sealed record PageAccess(
    string AccessToken, string TokenType, int ExpiresIn, int IdleTimeout, int IdleExpiresIn, int SessionExpiresIn, Guid SessionId);

/// <summary>The clinician page's cookie sessions. The cookie holds only a random secret; everything else (who, since
/// when, the idle deadline and the absolute one) is in <c>identity.sessions</c>, and every use is judged against that
/// row, so neither the cookie's own expiry nor the page's timers decide when a session ends. A session whose deadline
/// has passed is ended on first sight (or by <see cref="EndTimedOutPageSessions"/>) and the logoff recorded in the
/// outbox as <see cref="SessionRevoked"/> with reason <c>idle_timeout</c> or <c>absolute_timeout</c>.</summary>
internal sealed class PageSessions(
    IdentityDbContext db,
    SessionTokens sessions,
    AccessTokens accessTokens,
    TotpSecretProtector protector,
    IOptionsSnapshot<PageSessionSettings> options,
    IOptions<TokenSettings> tokenOptions,
    IHostEnvironment environment,
    TimeProvider time)
{
    /// <summary>Over HTTPS: <c>__Host-</c> makes the browser refuse it unless Secure, for path <c>/</c>, with no Domain.</summary>
    public const string SecureCookieName = "__Host-voiceassist-session";

    /// <summary>Over plain HTTP (development and tests on loopback), where browsers refuse <c>__Host-</c> cookies.</summary>
    public const string PlainCookieName = "voiceassist-session";

    private PageSessionSettings Settings => options.Value;

    public PageSessionTicket Start(User user, IReadOnlyList<string> methods, string? provider = null, string? idToken = null)
    {
        var now = time.GetUtcNow();
        var session = sessions.Open(user, methods, SessionKind.Page, now + Settings.AbsoluteLifetime);
        var cookie = Secrets.NewToken();
        session.CookieHash = Secrets.Hash(cookie);
        session.Provider = provider;
        session.IdTokenHint = idToken is null ? null : protector.Protect(session.Id, idToken);
        Slide(session, now);
        return new PageSessionTicket(cookie, session);
    }

    /// <summary>The live page session the cookie belongs to, locked for this transaction; null when there is none or
    /// it has timed out (in which case it is ended here and the logoff recorded).</summary>
    public async Task<Session?> FindActive(string? cookie, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 200)
        {
            return null;
        }

        var hash = Secrets.Hash(cookie);
        var session = await db.Sessions
            .FromSql($"SELECT * FROM identity.sessions WHERE cookie_hash = {hash} AND kind = 'page' FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (session.IsActiveAt(now))
        {
            return session;
        }

        EndIfTimedOut(session, now);
        return null;
    }

    /// <summary>The live page session the cookie belongs to and its account, when that account may still sign in;
    /// <paramref name="active"/> (the user did something) slides the idle deadline. Null otherwise.</summary>
    public async Task<(Session Session, User User)?> Resume(string? cookie, bool active, CancellationToken cancellationToken)
    {
        if (await FindActive(cookie, cancellationToken) is not { } session
            || await db.Users.FindAsync([session.UserId], cancellationToken) is not { } user
            || AccountLockout.IsDisabled(user))
        {
            return null;
        }

        if (active)
        {
            Slide(session, time.GetUtcNow());
        }

        return (session, user);
    }

    /// <summary>User activity moves the idle deadline, never past the absolute one.</summary>
    public void Slide(Session session, DateTimeOffset now)
    {
        session.LastActivityAt = now;
        var idle = now + Settings.IdleTimeout;
        session.IdleExpiresAt = idle < session.ExpiresAt ? idle : session.ExpiresAt;
    }

    /// <summary>Ends a page session whose idle or absolute deadline has passed, as of that deadline.</summary>
    public void EndIfTimedOut(Session session, DateTimeOffset now)
    {
        if (session.Kind != SessionKind.Page || session.RevokedAt is not null || session.IsActiveAt(now))
        {
            return;
        }

        var absolute = session.ExpiresAt <= now && (session.IdleExpiresAt is not { } idle || session.ExpiresAt <= idle);
        var endedAt = absolute ? session.ExpiresAt : session.IdleExpiresAt!.Value;
        var reason = absolute ? RevocationReason.AbsoluteTimeout : RevocationReason.IdleTimeout;
        session.RevokedAt = endedAt;
        session.RevokedReason = reason;
        db.AddIntegrationEvent(new SessionRevoked(Guid.CreateVersion7(), endedAt, session.UserId, session.Id, reason, ActorId: null));
    }

    public PageAccess Issue(User user, Session session, DateTimeOffset now)
    {
        session.LastRefreshedAt = now;
        return new PageAccess(
            accessTokens.IssueAccessToken(user, session, now),
            "Bearer",
            (int)tokenOptions.Value.AccessTokenLifetime.TotalSeconds,
            (int)Settings.IdleTimeout.TotalSeconds,
            (int)Math.Max(0, (session.IdleExpiresAt!.Value - now).TotalSeconds),
            (int)Math.Max(0, (session.ExpiresAt - now).TotalSeconds),
            session.Id);
    }

    public string? IdTokenHint(Session session) => session.IdTokenHint is { } stored ? protector.Unprotect(session.Id, stored) : null;

    public bool SecureCookie(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.IsHttps || (Settings.SecureCookie ?? !(environment.IsDevelopment() || environment.IsEnvironment("Testing")));
    }

    public string? ReadCookie(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies[SecureCookie(http) ? SecureCookieName : PlainCookieName];
    }

    /// <summary>HttpOnly (no script reads it), SameSite=Strict (no other site's page or link sends it), Secure with the
    /// <c>__Host-</c> name wherever TLS is in use, and no expiry of its own: it goes when the browser closes, and the
    /// server's deadlines apply while it lives.</summary>
    public void WriteCookie(HttpContext http, PageSessionTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ticket);
        var secure = SecureCookie(http);
        http.Response.Cookies.Append(secure ? SecureCookieName : PlainCookieName, ticket.Cookie, CookieOptions(secure));
    }

    public void DeleteCookie(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var secure = SecureCookie(http);
        http.Response.Cookies.Delete(secure ? SecureCookieName : PlainCookieName, CookieOptions(secure));
    }

    private static CookieOptions CookieOptions(bool secure) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
