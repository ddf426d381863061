using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using VoiceAssist.BuildingBlocks.Caching;
using VoiceAssist.Testing;

namespace VoiceAssist.BuildingBlocks.Tests.Caching;

public sealed class RedisDistributedCacheTests : IDisposable
{
    private readonly RedisConnection redis = new(SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase()));
    private readonly RedisDistributedCache cache;

    public RedisDistributedCacheTests()
    {
        cache = new RedisDistributedCache(redis, TimeProvider.System);
    }

    [Fact]
    public async Task A_stored_value_is_read_back_and_removed()
    {
        var key = Guid.NewGuid().ToString();
        await cache.SetAsync(key, Encoding.UTF8.GetBytes("eGFR 42"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });

        Encoding.UTF8.GetString((await cache.GetAsync(key))!).Should().Be("eGFR 42");

        await cache.RemoveAsync(key);
        (await cache.GetAsync(key)).Should().BeNull();
    }

    [Fact]
    public async Task An_entry_expires_at_its_absolute_expiry()
    {
        var key = Guid.NewGuid().ToString();
        await cache.SetAsync(key, [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(300) });

        await Eventually.Until(() => cache.GetAsync(key), value => value is null, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reading_an_entry_with_a_sliding_window_keeps_it_alive()
    {
        var key = Guid.NewGuid().ToString();
        await cache.SetAsync(key, [7], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(2) });

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            (await cache.GetAsync(key)).Should().NotBeNull($"read {i} slides the window");
        }

        var ttl = await redis.Database.KeyTimeToLiveAsync("voiceassist:cache:" + key);
        ttl.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_sliding_window_never_outlives_the_absolute_expiry()
    {
        var key = Guid.NewGuid().ToString();
        await cache.SetAsync(key, [7], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromHours(1),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30),
        });

        var ttl = await redis.Database.KeyTimeToLiveAsync("voiceassist:cache:" + key);

        ttl.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_absolute_expiry_in_the_past_is_rejected()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var pastCache = new RedisDistributedCache(redis, clock);

        var storing = () => pastCache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = clock.GetUtcNow().AddMinutes(-1) });

        await storing.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    public void Dispose() => redis.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
