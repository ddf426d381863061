using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace VoiceAssist.BuildingBlocks.Caching;

/// <summary><see cref="IDistributedCache"/> over Redis: each entry is a hash of its bytes and its sliding window,
/// with the key's TTL set to whichever expiry comes first.</summary>
internal sealed class RedisDistributedCache(RedisConnection redis, TimeProvider time) : IDistributedCache
{
    private const string KeyPrefix = "voiceassist:cache:";
    private static readonly RedisValue DataField = "data";
    private static readonly RedisValue SlidingField = "sliding";
    private static readonly RedisValue AbsoluteField = "absolute";

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var values = await redis.Database.HashGetAsync(KeyPrefix + key, [DataField, SlidingField, AbsoluteField]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }

        await Slide(KeyPrefix + key, values[1], values[2]).ConfigureAwait(false);
        return values[0];
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var absolute = options.AbsoluteExpiration ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        if (absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The absolute expiration is in the past.");
        }

        var redisKey = KeyPrefix + key;
        var db = redis.Database;
        await db.HashSetAsync(redisKey,
        [
            new HashEntry(DataField, value),
            new HashEntry(SlidingField, options.SlidingExpiration?.Ticks ?? -1),
            new HashEntry(AbsoluteField, absolute?.UtcTicks ?? -1),
        ]).ConfigureAwait(false);
        var ttl = Ttl(now, options.SlidingExpiration, absolute);
        if (ttl is { } expiry)
        {
            await db.KeyExpireAsync(redisKey, expiry).ConfigureAwait(false);
        }
        else
        {
            await db.KeyPersistAsync(redisKey).ConfigureAwait(false);
        }
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        var values = await redis.Database.HashGetAsync(KeyPrefix + key, [SlidingField, AbsoluteField]).ConfigureAwait(false);
        await Slide(KeyPrefix + key, values[0], values[1]).ConfigureAwait(false);
    }

    public void Remove(string key) => redis.Database.KeyDelete(KeyPrefix + key);

    public Task RemoveAsync(string key, CancellationToken token = default) => redis.Database.KeyDeleteAsync(KeyPrefix + key);

    private async Task Slide(string redisKey, RedisValue sliding, RedisValue absolute)
    {
        if (sliding.IsNull || (long)sliding < 0)
        {
            return;
        }

        DateTimeOffset? absoluteAt = (long)absolute < 0 ? null : new DateTimeOffset((long)absolute, TimeSpan.Zero);
        if (Ttl(time.GetUtcNow(), TimeSpan.FromTicks((long)sliding), absoluteAt) is { } ttl)
        {
            await redis.Database.KeyExpireAsync(redisKey, ttl).ConfigureAwait(false);
        }
    }

    private static TimeSpan? Ttl(DateTimeOffset now, TimeSpan? sliding, DateTimeOffset? absolute)
    {
        TimeSpan? untilAbsolute = absolute is { } at ? at - now : null;
        return (sliding, untilAbsolute) switch
        {
            ({ } s, { } a) => s < a ? s : a,
            ({ } s, null) => s,
            (null, { } a) => a,
            _ => null,
        };
    }
}
