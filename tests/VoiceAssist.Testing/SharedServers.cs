namespace VoiceAssist.Testing;

/// <summary>One PostgreSQL and one Redis server for the whole test run; each test class takes its own database
/// (and its own Redis database number), so classes never see each other's data.</summary>
public static class SharedServers
{
    private static readonly Lazy<LocalPostgres> LazyPostgres = new(() => new LocalPostgres());
    private static readonly Lazy<LocalRedis> LazyRedis = new(() => new LocalRedis());
    private static int nextRedisDatabase;

    public static LocalPostgres Postgres => LazyPostgres.Value;

    public static LocalRedis Redis => LazyRedis.Value;

    /// <summary>Redis offers 16 numbered databases; classes take them in turn.</summary>
    public static int NextRedisDatabase() => Interlocked.Increment(ref nextRedisDatabase) % 16;
}
