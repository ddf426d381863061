using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Compliance.Tests.AuditTrail;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using Xunit.Abstractions;

namespace VoiceAssist.Compliance.Tests.Backups;

/// <summary>A PostgreSQL cluster of Debian's binaries with settings of its own (WAL archiving, a standby), run as the
/// postgres user in a temporary directory on a free loopback port.</summary>
internal sealed class Cluster : IDisposable
{
    private static readonly string Bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
        .OrderByDescending(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture)).First();

    private bool running;

    private Cluster(string root, string dataDirectory)
    {
        Root = root;
        DataDirectory = dataDirectory;
        Port = LocalProcess.FreePort();
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public static string NewRoot(string prefix)
    {
        var root = LocalProcess.NewTempDirectory(prefix);
        if (LocalProcess.IsRoot)
        {
            LocalProcess.Run("chown", "postgres", root);
        }

        return root;
    }

    /// <summary>A new primary: initdb, then <paramref name="settings"/> appended to postgresql.conf.</summary>
    public static Cluster Init(string root, params string[] settings)
    {
        var cluster = new Cluster(root, Path.Combine(root, "data"));
        Postgres("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.Configure(settings);
        return cluster;
    }

    /// <summary>A cluster whose data directory was filled from outside (a base backup).</summary>
    public static Cluster FromDataDirectory(string root, string dataDirectory) => new(root, dataDirectory);

    public static void Postgres(string program, params string[] arguments) => LocalProcess.RunAs("postgres", Path.Combine(Bin, program), arguments);

    public void Configure(params string[] settings) =>
        AsPostgres($"cat >> '{Path.Combine(DataDirectory, "postgresql.conf")}' <<'CONF'\n{string.Join('\n', settings)}\nCONF");

    public void Touch(string file) => AsPostgres($"touch '{Path.Combine(DataDirectory, file)}'");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=false;Timeout=5;Command Timeout=60";

    public void Start()
    {
        Postgres("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(Root, $"postgres-{Port}.log"), "-w", "-t", "120",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {Root}", "start");
        running = true;
    }

    public void Stop(string mode = "fast")
    {
        if (running)
        {
            Postgres("pg_ctl", "-D", DataDirectory, "-m", mode, "-w", "stop");
            running = false;
        }
    }

    public void Promote() => Postgres("pg_ctl", "-D", DataDirectory, "-w", "-t", "120", "promote");

    public async Task<T> Scalar<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task Execute(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        try
        {
            Stop("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped or never started.
        }
    }

    private static void AsPostgres(string script) => LocalProcess.RunAs("postgres", "bash", "-c", script);
}

/// <summary>Point-in-time recovery from a base backup and archived WAL, and failover to a streaming standby, on the
/// application's real data (conversations with encrypted turns, the hash-chained audit trail). The times printed are
/// this machine's RTO and RPO figures in docs/operations.md.</summary>
public sealed class PointInTimeRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Cluster.NewRoot("va-pitr");
    private readonly string masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_restore_to_a_chosen_moment_has_the_writes_before_it_none_after_it_and_an_intact_audit_chain()
    {
        var archive = Path.Combine(root, "archive");
        LocalProcess.RunAs("postgres", "mkdir", "-p", archive);
        using var primary = Cluster.Init(Path.Combine(root, "primary"),
            "wal_level = replica", "archive_mode = on", $"archive_command = 'test ! -f {archive}/%f && cp %p {archive}/%f'",
            "archive_timeout = 60", "max_wal_senders = 4");
        primary.Start();
        await primary.Execute("CREATE DATABASE voiceassist");

        var before = new List<Guid>();
        var after = new List<Guid>();
        DateTimeOffset target;
        await using (var host = new BackupHost(primary.ConnectionString("voiceassist"), masterKey))
        {
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            before.Add(await Conversation(clinician));

            var baseBackup = Path.Combine(root, "base");
            Cluster.Postgres("pg_basebackup", "-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-D", baseBackup, "-Fp", "-Xs", "--checkpoint=fast");

            for (var i = 0; i < 3; i++)
            {
                before.Add(await Conversation(clinician));
            }

            await AuditSettled(primary);
            await Task.Delay(1100);
            target = new DateTimeOffset(DateTime.SpecifyKind(await primary.Scalar<DateTime>("SELECT now()"), DateTimeKind.Utc));
            await Task.Delay(1100);

            for (var i = 0; i < 3; i++)
            {
                after.Add(await Conversation(clinician));
            }

            await AuditSettled(primary);
        }

        // Everything up to now reaches the archive (a real primary does this every archive_timeout).
        var lastSegment = await primary.Scalar<string>("SELECT pg_walfile_name(pg_switch_wal())");
        await Eventually.Until(() => primary.Scalar<string>("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"),
            archived => string.CompareOrdinal(archived, lastSegment) >= 0, within: TimeSpan.FromSeconds(60), because: "the WAL is archived");
        primary.Stop();

        var clock = Stopwatch.StartNew();
        var restoredData = Path.Combine(root, "restored");
        LocalProcess.RunAs("postgres", "cp", "-a", Path.Combine(root, "base"), restoredData);
        using var restored = Cluster.FromDataDirectory(Path.Combine(root, "primary"), restoredData);
        restored.Configure(
            $"restore_command = 'cp {archive}/%f %p'",
            $"recovery_target_time = '{target.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'",
            "recovery_target_action = 'promote'",
            "archive_mode = off");
        restored.Touch("recovery.signal");
        restored.Start();
        await Eventually.Until(() => restored.Scalar<bool>("SELECT NOT pg_is_in_recovery()"), open => open, within: TimeSpan.FromSeconds(120), because: "recovery reaches the target and promotes");
        var recovery = clock.Elapsed;

        var conversations = await Ids(restored);
        conversations.Should().Contain(before, "every write before the chosen moment is restored");
        conversations.Should().NotContain(after, "no write after it is");
        await using (var host = new BackupHost(restored.ConnectionString("voiceassist"), masterKey))
        {
            var verification = await AuditChainFixture.Verify(host.CreateClient());
            verification.GetProperty("intact").GetBoolean().Should().BeTrue();
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            await Conversation(clinician);
        }

        output.WriteLine($"point-in-time restore: base backup copied, WAL replayed to {target:O} and promoted in {recovery.TotalSeconds:0.0} s; " +
                         $"{before.Count} conversations before the target restored, {after.Count} after it absent");
    }

    [Fact]
    public async Task A_promoted_standby_has_every_replicated_write_and_takes_new_ones()
    {
        using var primary = Cluster.Init(Path.Combine(root, "primary"), "wal_level = replica", "max_wal_senders = 4", "wal_keep_size = 256MB");
        primary.Start();
        await primary.Execute("CREATE DATABASE voiceassist");
        var standbyData = Path.Combine(root, "standby-data");
        Cluster.Postgres("pg_basebackup", "-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-D", standbyData, "-Fp", "-Xs", "-R", "--checkpoint=fast");
        using var standby = Cluster.FromDataDirectory(Path.Combine(root, "primary"), standbyData);
        standby.Configure("hot_standby = on");
        standby.Start();
        (await standby.Scalar<bool>("SELECT pg_is_in_recovery()")).Should().BeTrue();

        var written = new List<Guid>();
        await using (var host = new BackupHost(primary.ConnectionString("voiceassist"), masterKey))
        {
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            for (var i = 0; i < 5; i++)
            {
                written.Add(await Conversation(clinician));
            }

            await AuditSettled(primary);
        }

        var lsn = await primary.Scalar<string>("SELECT pg_current_wal_lsn()::text");
        var replication = Stopwatch.StartNew();
        await Eventually.Until(() => standby.Scalar<bool>($"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn"), caughtUp => caughtUp,
            within: TimeSpan.FromSeconds(60), because: "the standby replays the primary's WAL");
        var lag = replication.Elapsed;

        // The primary's machine is lost.
        primary.Stop("immediate");
        var failover = Stopwatch.StartNew();
        standby.Promote();
        await Eventually.Until(() => standby.Scalar<bool>("SELECT NOT pg_is_in_recovery()"), open => open, within: TimeSpan.FromSeconds(60));
        var promotion = failover.Elapsed;

        (await Ids(standby)).Should().Contain(written, "every write the standby had replayed survives the failover");
        await using (var host = new BackupHost(standby.ConnectionString("voiceassist"), masterKey))
        {
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            var next = await Conversation(clinician);
            (await Ids(standby)).Should().Contain(next, "writes continue against the promoted server");
            (await AuditChainFixture.Verify(host.CreateClient())).GetProperty("intact").GetBoolean().Should().BeTrue();
        }

        output.WriteLine($"streaming standby: caught up {lag.TotalMilliseconds:0} ms after the last write was read back; promoted in {promotion.TotalMilliseconds:0} ms; " +
                         $"{written.Count} of {written.Count} replicated conversations present");
    }

    private static async Task<Guid> Conversation(HttpClient clinician)
    {
        var started = await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null);
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await clinician.PostAsJsonAsync($"/api/conversations/{id}/turns", new { text = "What is the CHA2DS2-VASc score for a 70 year old with hypertension?" }))
            .EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Waits until the outbox has delivered everything (the audit entries of the writes so far).</summary>
    private static Task<long> AuditSettled(Cluster cluster) =>
        Eventually.Until(() => cluster.Scalar<long>("SELECT count(*) FROM voice.outbox_messages WHERE processed_at IS NULL", "voiceassist"), pending => pending == 0,
            within: TimeSpan.FromSeconds(60));

    private static async Task<List<Guid>> Ids(Cluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("voiceassist"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM voice.conversations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public void Dispose()
    {
        try
        {
            LocalProcess.Run("rm", "-rf", root);
        }
        catch (InvalidOperationException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
