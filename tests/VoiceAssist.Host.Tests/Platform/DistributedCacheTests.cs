using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

public sealed class DistributedCacheTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public async Task The_hosts_distributed_cache_keeps_entries_in_Redis_with_their_expiry()
    {
        var cache = factory.Services.GetRequiredService<IDistributedCache>();
        var key = Guid.NewGuid().ToString("N");

        await cache.SetAsync(key, Encoding.UTF8.GetBytes("eGFR 42"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });

        Encoding.UTF8.GetString((await cache.GetAsync(key))!).Should().Be("eGFR 42");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(factory.RedisConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync("voiceassist:cache:" + key);
        ttl.Should().NotBeNull("the entry lives in Redis, where every replica sees it").And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));

        await cache.RemoveAsync(key);
        (await cache.GetAsync(key)).Should().BeNull();
    }
}
