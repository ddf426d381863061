using Npgsql;

namespace VoiceAssist.Testing;

/// <summary>A real PostgreSQL server from the machine's binaries (<c>/usr/lib/postgresql/*/bin</c>), in a temporary
/// directory on a free loopback port. Trust authentication: it listens on 127.0.0.1 only and lives for one test run.</summary>
public sealed class LocalPostgres : IDisposable
{
    private readonly string binDirectory;
    private readonly string dataDirectory;
    private readonly string rootDirectory;
    private bool running;

    /// <param name="durable">Keep PostgreSQL's default durability (fsync, synchronous commit), as benchmarks need;
    /// tests turn it off for speed.</param>
    public LocalPostgres(bool durable = false)
    {
        binDirectory = FindBinDirectory();
        rootDirectory = LocalProcess.NewTempDirectory("va-pg");
        dataDirectory = Path.Combine(rootDirectory, "data");
        if (LocalProcess.IsRoot)
        {
            LocalProcess.Run("chown", "postgres", rootDirectory);
        }

        Port = LocalProcess.FreePort();
        LocalProcess.RunAs("postgres", Path.Combine(binDirectory, "initdb"), "-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), string.Join('\n',
            durable
                ? ["max_connections = 300", "shared_buffers = 128MB", ""]
                : ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 300", "shared_buffers = 128MB", ""]));
        Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=60;Timeout=5;Command Timeout=60";

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public string CreateDatabase(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Start()
    {
        LocalProcess.RunAs("postgres", Path.Combine(binDirectory, "pg_ctl"), "-D", dataDirectory, "-l", Path.Combine(rootDirectory, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {rootDirectory}", "start");
        running = true;
        var serverId = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        LocalProcess.StopWhenTestProcessEnds(serverId,
            LocalProcess.ShellCommandAs("postgres", Path.Combine(binDirectory, "pg_ctl"), "-D", dataDirectory, "-m", "immediate", "-w", "stop")
            + "; rm -rf " + LocalProcess.QuoteForShell(rootDirectory));
    }

    public void Stop()
    {
        if (!running)
        {
            return;
        }

        LocalProcess.RunAs("postgres", Path.Combine(binDirectory, "pg_ctl"), "-D", dataDirectory, "-m", "immediate", "-w", "stop");
        running = false;
    }

    public void Dispose()
    {
        try
        {
            Stop();
            Directory.Delete(rootDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Best effort at process exit: a leftover temp directory is harmless.
        }
    }

    private static string FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).First()
            : throw new InvalidOperationException("PostgreSQL server binaries are missing: install the postgresql package (./scripts/test.sh does).");
}
