using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VoiceAssist.Identity.Sessions.IssueSocketTicket;

/// <summary>Socket tickets (<c>Identity:SocketTickets</c>).</summary>
internal sealed class SocketTicketSettings
{
    public const string Section = "Identity:SocketTickets";

    /// <summary>How long a ticket may wait before the socket it opens is connected.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Short-lived, single-use tickets that open a WebSocket in place of the access token. Browsers cannot set
/// headers on a WebSocket handshake, and a token in the URL lands in ingress and proxy access logs; a ticket in the URL
/// is worth nothing once used or after <see cref="SocketTicketSettings.Lifetime"/>. A ticket stands for the access token
/// it was asked for with, which is kept in Redis under the ticket's SHA-256 (never the ticket itself) until the socket
/// redeems it, atomically (GETDEL), so on any replica it opens one socket at most. The redeemed token then goes through
/// every check a bearer token does (signature, expiry, live session).</summary>
internal sealed class SocketTickets(IConnectionMultiplexer redis, IOptions<SocketTicketSettings> settings, TimeProvider time)
{
    private const string KeyPrefix = "identity:socket-ticket:";

    // GETDEL as a script: one atomic step, so two sockets racing with one ticket cannot both get the token.
    private const string GetAndDelete = "local v = redis.call('GET', KEYS[1]) if v then redis.call('DEL', KEYS[1]) end return v";

    public async Task<(string Ticket, DateTimeOffset ExpiresAt)> Issue(string accessToken)
    {
        var ticket = Base64Url(RandomNumberGenerator.GetBytes(32));
        var lifetime = settings.Value.Lifetime;
        await redis.GetDatabase().StringSetAsync(Key(ticket), accessToken, lifetime).ConfigureAwait(false);
        return (ticket, time.GetUtcNow() + lifetime);
    }

    /// <summary>The access token the ticket stands for, or null when the ticket is unknown, used or expired.</summary>
    public async Task<string?> Redeem(string ticket)
    {
        if (ticket.Length is 0 or > 64)
        {
            return null;
        }

        var token = (RedisValue)await redis.GetDatabase().ScriptEvaluateAsync(GetAndDelete, [Key(ticket)]).ConfigureAwait(false);
        return token.IsNullOrEmpty ? null : token.ToString();
    }

    private static RedisKey Key(string ticket) => KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
