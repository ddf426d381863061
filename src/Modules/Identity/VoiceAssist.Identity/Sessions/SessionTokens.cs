using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Sessions;

/// <summary>What a completed sign-in or refresh returns.</summary>
internal sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, Guid SessionId);

/// <summary>Starts sessions, rotates their refresh tokens and revokes them.</summary>
internal sealed class SessionTokens(
    IdentityDbContext db, AccessTokens accessTokens, AccountLockout lockout, IOptions<TokenSettings> options, TimeProvider time, IHttpContextAccessor http)
{
    public TokenPair Start(User user, IReadOnlyList<string> methods)
    {
        var now = time.GetUtcNow();
        var session = Open(user, methods, SessionKind.Token, now + options.Value.SessionLifetime);
        return Issue(user, session, now);
    }

    /// <summary>A new session of either kind, with the sign-in recorded: the failure counter reset and
    /// <see cref="UserSignedIn"/> queued in the outbox.</summary>
    public Session Open(User user, IReadOnlyList<string> methods, string kind, DateTimeOffset expiresAt)
    {
        // Every sign-in path checks AccountLockout.IsBarred first; this is the last line should one forget.
        if (user.DisabledAt is not null)
        {
            throw new InvalidOperationException("A disabled account cannot start a session.");
        }

        var now = time.GetUtcNow();
        user.LastSignInAt = now;
        var request = http.HttpContext?.Request;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Kind = kind,
            AuthenticationMethods = string.Join(' ', methods),
            UserAgent = request?.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
            IpAddress = request?.HttpContext.Connection.RemoteIpAddress?.ToString(),
            CreatedAt = now,
            LastRefreshedAt = now,
            ExpiresAt = expiresAt,
        };
        db.Sessions.Add(session);
        lockout.RegisterSuccess(user);
        db.AddIntegrationEvent(new UserSignedIn(Guid.CreateVersion7(), now, user.Id, session.Id, methods));
        return session;
    }

    public TokenPair Rotate(User user, Session session, RefreshToken presented)
    {
        var now = time.GetUtcNow();
        presented.UsedAt = now;
        session.LastRefreshedAt = now;
        return Issue(user, session, now);
    }

    public void Revoke(Session session, string reason, Guid? actorId)
    {
        var now = time.GetUtcNow();
        if (!session.IsActiveAt(now))
        {
            return;
        }

        session.RevokedAt = now;
        session.RevokedReason = reason;
        db.AddIntegrationEvent(new SessionRevoked(Guid.CreateVersion7(), now, session.UserId, session.Id, reason, actorId));
    }

    public async Task<int> RevokeAll(Guid userId, string reason, Guid? actorId, Guid? except, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await db.Sessions
            .Where(Session.ActiveAt(now))
            .Where(s => s.UserId == userId && s.Id != except)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in active)
        {
            Revoke(session, reason, actorId);
        }

        return active.Count;
    }

    private TokenPair Issue(User user, Session session, DateTimeOffset now)
    {
        var settings = options.Value;
        var refreshToken = Secrets.NewToken();
        var refreshExpiry = now + settings.RefreshTokenLifetime < session.ExpiresAt ? now + settings.RefreshTokenLifetime : session.ExpiresAt;
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            SessionId = session.Id,
            TokenHash = Secrets.Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = refreshExpiry,
        });
        return new TokenPair(
            accessTokens.IssueAccessToken(user, session, now),
            "Bearer",
            (int)settings.AccessTokenLifetime.TotalSeconds,
            refreshToken,
            refreshExpiry,
            session.Id);
    }
}
