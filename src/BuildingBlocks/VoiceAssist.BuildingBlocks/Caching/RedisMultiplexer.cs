using StackExchange.Redis;

namespace VoiceAssist.BuildingBlocks.Caching;

/// <summary>The process's one Redis multiplexer. It never aborts on a failed first connect and keeps reconnecting in
/// the background, so the host starts (and reports Redis as degraded) while Redis is down.</summary>
internal static class RedisMultiplexer
{
    public static IConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = Math.Max(options.ConnectRetry, 3);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 5000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 5000);
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        return ConnectionMultiplexer.Connect(options);
    }
}
