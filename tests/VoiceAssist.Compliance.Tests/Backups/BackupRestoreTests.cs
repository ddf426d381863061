using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Compliance.Tests.AuditTrail;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Backups;

/// <summary>A host on a given database with a given master key, keyword-only knowledge search and no demo data.</summary>
public sealed class BackupHost(string database, string masterKey)
    : VoiceAssistFactory(database, SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase()))
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Compliance:Encryption:MasterKey"] = masterKey,
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
    };
}

internal static class Scripts
{
    public static string PathOf(string script)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VoiceAssist.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."), "scripts", script);
    }

    public static string Run(string script, params string[] arguments) => LocalProcess.Run("bash", [PathOf(script), .. arguments]).Trim();

    public static string Libpq(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}";
    }

    public static async Task<SortedDictionary<string, long>> RowCounts(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}

public sealed class BackupRestoreTests : IDisposable
{
    private readonly string work = LocalProcess.NewTempDirectory("va-backup");
    private readonly string passphraseFile;

    public BackupRestoreTests()
    {
        passphraseFile = Path.Combine(work, "passphrase");
        File.WriteAllText(passphraseFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task A_backup_restored_into_a_fresh_cluster_has_every_row_decrypts_its_PHI_and_its_audit_chain_verifies()
    {
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var source = SharedServers.Postgres.CreateDatabase();
        var said = new List<string>();
        await using (var host = new BackupHost(source, masterKey))
        {
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            var admin = await host.CreateClientSignedInAs(Roles.Admin);
            for (var c = 0; c < 3; c++)
            {
                var conversation = await (await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
                for (var t = 0; t < 2; t++)
                {
                    var text = $"Patient {c}-{t}: Eleanor Whitfield, MRN 7731{c}{t}02, BP 150/95, asks about lisinopril.";
                    said.Add(text);
                    (await clinician.PostAsJsonAsync($"/api/conversations/{conversation.GetProperty("id").GetGuid()}/turns", new { text })).EnsureSuccessStatusCode();
                }
            }

            for (var d = 0; d < 2; d++)
            {
                (await admin.PostAsJsonAsync("/api/knowledge/documents", new
                {
                    title = $"Hypertension guideline excerpt {d}",
                    text = "Thiazide diuretics, ACE inhibitors, ARBs and calcium channel blockers are first-line options for hypertension. " + d,
                    publisher = "Test",
                })).EnsureSuccessStatusCode();
            }

            await AuditChainFixture.Record(host, 40);
        }

        var sourceCounts = await Scripts.RowCounts(source);
        sourceCounts["voice.turns"].Should().Be(6);
        sourceCounts["compliance.audit_entries"].Should().BeGreaterThanOrEqualTo(40);
        sourceCounts["knowledge.documents"].Should().BeGreaterThanOrEqualTo(2);

        var backup = Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(source), "--passphrase-file", passphraseFile, "--out", Path.Combine(work, "backups"), "--keep", "3");

        File.Exists(backup + ".sha256").Should().BeTrue();
        var bytes = await File.ReadAllBytesAsync(backup);
        Encoding.ASCII.GetString(bytes, 0, 5).Should().NotBe("PGDMP", "the dump is encrypted");
        Encoding.UTF8.GetString(bytes).Should().NotContain("audit_entries");

        using var freshCluster = new LocalPostgres();
        var restored = freshCluster.CreateDatabase("voiceassist");
        Scripts.Run("restore.sh", "--file", backup, "--passphrase-file", passphraseFile, "--dbname", Scripts.Libpq(restored));

        (await Scripts.RowCounts(restored)).Should().Equal(sourceCounts);

        await using var restoredHost = new BackupHost(restored, masterKey);
        var encryptor = restoredHost.Services.GetRequiredService<IFieldEncryptor>();
        var stored = new List<string>();
        await using (var connection = new NpgsqlConnection(restored))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT text FROM voice.turns", connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        stored.Should().OnlyContain(s => s.StartsWith("pe1:", StringComparison.Ordinal));
        stored.Select(s => encryptor.Decrypt(s, "voice.turns.text")).Should().BeEquivalentTo(said);
        var verification = await AuditChainFixture.Verify(restoredHost.CreateClient());
        verification.GetProperty("intact").GetBoolean().Should().BeTrue();
        // At least the restored entries: the restored host's outbox goes on delivering what was pending at backup time.
        verification.GetProperty("entriesVerified").GetInt64().Should().BeGreaterThanOrEqualTo(sourceCounts["compliance.audit_entries"]);

        var again = () => Scripts.Run("restore.sh", "--file", backup, "--passphrase-file", passphraseFile, "--dbname", Scripts.Libpq(restored));
        again.Should().Throw<InvalidOperationException>().WithMessage("*only into an empty database*");
    }

    [Fact]
    public void A_damaged_backup_is_refused_and_only_the_newest_backups_are_kept()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var backups = Path.Combine(work, "rotation");
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(database), "--passphrase-file", passphraseFile, "--out", backups, "--keep", "2"));
            Thread.Sleep(1100); // backup names carry the time to the second
        }

        Directory.GetFiles(backups, "*.dump.gpg").Select(Path.GetFileName).Should().BeEquivalentTo(made.Skip(1).Select(Path.GetFileName));
        File.Exists(made[0] + ".sha256").Should().BeFalse();

        var newest = made[2];
        var content = File.ReadAllBytes(newest);
        content[content.Length / 2] ^= 0x01;
        File.WriteAllBytes(newest, content);
        var target = SharedServers.Postgres.CreateDatabase();
        var restore = () => Scripts.Run("restore.sh", "--file", newest, "--passphrase-file", passphraseFile, "--dbname", Scripts.Libpq(target));

        restore.Should().Throw<InvalidOperationException>().WithMessage("*Checksum mismatch*");
    }

    [Fact]
    public void The_wrong_passphrase_does_not_restore()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var backup = Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(database), "--passphrase-file", passphraseFile, "--out", Path.Combine(work, "wrong"), "--keep", "1");
        var wrongPassphrase = Path.Combine(work, "wrong-passphrase");
        File.WriteAllText(wrongPassphrase, "not the passphrase");
        var target = SharedServers.Postgres.CreateDatabase();

        var restore = () => Scripts.Run("restore.sh", "--file", backup, "--passphrase-file", wrongPassphrase, "--dbname", Scripts.Libpq(target));

        restore.Should().Throw<InvalidOperationException>().WithMessage("*decrypt*");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
