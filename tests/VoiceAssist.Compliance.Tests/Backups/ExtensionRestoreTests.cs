using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Backups;

/// <summary>The production shape: extensions (pgvector's <c>vector</c> in production; <c>citext</c> and <c>pg_trgm</c>
/// from Debian's postgresql package here) created by a superuser in both databases, and the restore run by the
/// application's own role, which owns no extension.</summary>
public sealed class ExtensionRestoreTests : IDisposable
{
    private const string AppRole = "voiceassist";
    private static readonly string[] Extensions = ["citext", "pg_trgm"];

    private readonly string work = LocalProcess.NewTempDirectory("va-restore-ext");
    private readonly string passphraseFile;

    public ExtensionRestoreTests()
    {
        passphraseFile = Path.Combine(work, "passphrase");
        File.WriteAllText(passphraseFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task The_application_role_restores_a_database_whose_extensions_a_superuser_created()
    {
        var source = SharedServers.Postgres.CreateDatabase();
        await Execute(source, string.Join(' ', Extensions.Select(e => $"CREATE EXTENSION {e};")));
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using (var host = new BackupHost(source, masterKey))
        {
            var clinician = await host.CreateClientSignedInAs(Roles.Clinician);
            var conversation = await (await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
            (await clinician.PostAsJsonAsync($"/api/conversations/{conversation.GetProperty("id").GetGuid()}/turns", new { text = "Dose of amoxicillin for a 20 kg child?" }))
                .EnsureSuccessStatusCode();
        }

        var sourceCounts = await Scripts.RowCounts(source);
        var backup = Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(source), "--passphrase-file", passphraseFile, "--out", Path.Combine(work, "backups"), "--keep", "2");

        using var cluster = new LocalPostgres();
        await Execute(cluster.ConnectionString(), $"CREATE ROLE {AppRole} LOGIN");
        var naiveTarget = await DatabaseOwnedByTheAppRole(cluster, "naive");
        var target = await DatabaseOwnedByTheAppRole(cluster, "voiceassist");

        // Without the fix: pg_restore as the application's role, every object owned by it, stops at the extension's
        // comment and, being one transaction, restores nothing.
        var naive = () => LocalProcess.Run("bash", "-o", "pipefail", "-c",
            """gpg --homedir "$(mktemp -d)" --batch --quiet --pinentry-mode loopback --passphrase-file "$1" --decrypt "$2" | pg_restore --dbname="$3" --no-password --no-owner --no-acl --single-transaction --exit-on-error""",
            "naive-restore", passphraseFile, backup, AsAppRole(naiveTarget));
        naive.Should().Throw<InvalidOperationException>().WithMessage("*must be owner of extension*");
        (await Scripts.RowCounts(naiveTarget)).Should().BeEmpty();

        Scripts.Run("restore.sh", "--file", backup, "--passphrase-file", passphraseFile, "--dbname", AsAppRole(target));

        (await Scripts.RowCounts(target)).Should().Equal(sourceCounts);
        sourceCounts["voice.turns"].Should().Be(1);
        (await Scalar(target, "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname <> 'plpgsql'")).Should().Be("citext,pg_trgm");
        (await Scalar(target, $"SELECT has_table_privilege('{AppRole}', 'compliance.audit_entries', 'UPDATE')")).Should().Be(false, "the audit trail stays append-only for the role that now owns it");
        (await Scalar(target, $"SELECT count(*) FROM pg_tables WHERE schemaname = 'voice' AND tableowner <> '{AppRole}'")).Should().Be(0L);
    }

    [Fact]
    public async Task A_backup_needing_an_extension_the_role_cannot_create_is_refused_with_what_to_do()
    {
        var source = SharedServers.Postgres.CreateDatabase();
        await Execute(source, "CREATE EXTENSION pg_stat_statements; CREATE SCHEMA voice; CREATE TABLE voice.turns (id int PRIMARY KEY)");
        var backup = Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(source), "--passphrase-file", passphraseFile, "--out", Path.Combine(work, "untrusted"), "--keep", "1");

        using var cluster = new LocalPostgres();
        await Execute(cluster.ConnectionString(), $"CREATE ROLE {AppRole} LOGIN");
        var target = await DatabaseOwnedByTheAppRole(cluster, "voiceassist");

        var restore = () => Scripts.Run("restore.sh", "--file", backup, "--passphrase-file", passphraseFile, "--dbname", AsAppRole(target));

        restore.Should().Throw<InvalidOperationException>().WithMessage("*pg_stat_statements*superuser*CREATE EXTENSION*");
        (await Scripts.RowCounts(target)).Should().BeEmpty("nothing is restored before the extensions are in place");
    }

    private static async Task<string> DatabaseOwnedByTheAppRole(LocalPostgres cluster, string name)
    {
        await Execute(cluster.ConnectionString(), $"CREATE DATABASE {name} OWNER {AppRole}");
        var database = cluster.ConnectionString(name);
        await Execute(database, string.Join(' ', Extensions.Select(e => $"CREATE EXTENSION {e};")));
        return database;
    }

    private static string AsAppRole(string connectionString) => Scripts.Libpq(connectionString).Replace("user=postgres", $"user={AppRole}", StringComparison.Ordinal);

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
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
