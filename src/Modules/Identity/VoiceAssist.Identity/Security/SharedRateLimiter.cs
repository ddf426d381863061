using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VoiceAssist.Identity.Security;

/// <summary>Fixed-window counters in Redis, shared by every replica: one atomic script increments the window's counter
/// and starts its expiry on the first hit, so N replicas together allow the limit, not N times it. While Redis cannot
/// be reached the counters fall back to this process alone (limits still hold per replica; nothing is let through
/// unlimited).</summary>
internal sealed partial class SharedRateLimiter(IConnectionMultiplexer redis, IOptions<IdentityRateLimits> limits, TimeProvider time, ILogger<SharedRateLimiter> logger) : IDisposable
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """;

    private readonly ConcurrentDictionary<string, (long Window, int Count)> local = new(StringComparer.Ordinal);

    /// <summary>Counts one hit against each key; allowed only when every key is within its limit. A refused hit still
    /// counts, so hammering past the limit does not shorten the wait.</summary>
    public async Task<RateDecision> Hit(IReadOnlyList<RateLimitKey> keys, TimeSpan window)
    {
        var retryAfter = TimeSpan.Zero;
        var allowed = true;
        foreach (var key in keys)
        {
            var (count, ttl) = await Count(key.Key, window).ConfigureAwait(false);
            if (count > key.PermitLimit)
            {
                allowed = false;
                retryAfter = ttl > retryAfter ? ttl : retryAfter;
            }
        }

        return new RateDecision(allowed, retryAfter);
    }

    private async Task<(long Count, TimeSpan Ttl)> Count(string key, TimeSpan window)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                Script, [(RedisKey)(limits.Value.KeyPrefix + ":" + key)], [(RedisValue)(long)window.TotalMilliseconds]).ConfigureAwait(false))!;
            return ((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, exception);
            return CountLocally(key, window);
        }
    }

    private (long Count, TimeSpan Ttl) CountLocally(string key, TimeSpan window)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var current = now / windowMs;
        var entry = local.AddOrUpdate(key, _ => (current, 1), (_, old) => old.Window == current ? (current, old.Count + 1) : (current, 1));
        return (entry.Count, TimeSpan.FromMilliseconds(((current + 1) * windowMs) - now));
    }

    public void Dispose() => local.Clear();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit counters fell back to this process: Redis is unreachable.")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}

internal readonly record struct RateLimitKey(string Key, int PermitLimit);

internal readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>ASP.NET Core's rate-limiting middleware over <see cref="SharedRateLimiter"/>: one limiter per partition
/// (the set of keys a request counts against). Deciding takes a Redis round trip, so the synchronous
/// <see cref="RateLimiter.AttemptAcquire(int)"/> never decides: it returns an unacquired lease without counting, and the
/// middleware then awaits <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>, which counts the request once.</summary>
internal sealed class SharedWindowLimiter(SharedRateLimiter shared, IReadOnlyList<RateLimitKey> keys, TimeSpan window) : RateLimiter
{
    private long lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
        return new Lease(await shared.Hit(keys, window).ConfigureAwait(false));
    }

    private static readonly Lease Deferred = new(new RateDecision(false, TimeSpan.Zero), counted: false);

    private sealed class Lease(RateDecision decision, bool counted = true) : RateLimitLease
    {
        public override bool IsAcquired => decision.Allowed;

        public override IEnumerable<string> MetadataNames => decision.Allowed || !counted ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = counted && !decision.Allowed && metadataName == MetadataName.RetryAfter.Name ? decision.RetryAfter : null;
            return metadata is not null;
        }
    }
}

internal static class RetryAfterHeader
{
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
