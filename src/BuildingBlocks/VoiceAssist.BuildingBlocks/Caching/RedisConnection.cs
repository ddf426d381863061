using StackExchange.Redis;

namespace VoiceAssist.BuildingBlocks.Caching;

/// <summary>The process's one Redis multiplexer. It never aborts on a failed first connect and keeps
/// reconnecting in the background, so the host starts (and reports not-ready) while Redis is down.</summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> multiplexer;

    public RedisConnection(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = Math.Max(options.ConnectRetry, 3);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 5000);
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public IDatabase Database => multiplexer.Value.GetDatabase();

    public bool IsConnected => multiplexer.Value.IsConnected;

    public void Dispose()
    {
        if (multiplexer.IsValueCreated)
        {
            multiplexer.Value.Dispose();
        }
    }
}
