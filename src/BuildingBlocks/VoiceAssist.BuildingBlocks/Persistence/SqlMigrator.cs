using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Outbox;

namespace VoiceAssist.BuildingBlocks.Persistence;

/// <summary>Applies each module's hand-written, versioned SQL migrations (embedded <c>Data/Migrations/*.sql</c>)
/// to its own schema, recording them in that schema's <c>schema_migrations</c> table. An advisory lock keeps
/// replicas that start together from migrating twice; a changed, already-applied file stops the start-up.</summary>
public sealed partial class SqlMigrator(NpgsqlDataSource dataSource, IEnumerable<ModuleDescriptor> modules, ILogger<SqlMigrator> logger)
{
    private const long MigrationLockKey = 0x566F696365417373; // "VoiceAss"

    public async Task MigrateAll(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            foreach (var module in modules)
            {
                await Migrate(connection, module, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The migrations of one module in the order they apply: the shared outbox/inbox tables first.</summary>
    public static IReadOnlyList<(string Version, string Sql)> MigrationsOf(ModuleDescriptor module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var migrations = new List<(string Version, string Sql)> { ("0000_outbox_inbox", OutboxModel.Sql(module.Schema)) };
        var prefix = module.RootNamespace + ".Data.Migrations.";
        foreach (var resource in module.Assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var version = resource[prefix.Length..^".sql".Length];
            migrations.Add((version, ReadResource(module.Assembly, resource)));
        }

        return migrations;
    }

    private async Task Migrate(NpgsqlConnection connection, ModuleDescriptor module, CancellationToken cancellationToken)
    {
        await Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {module.Schema};
            CREATE TABLE IF NOT EXISTS {module.Schema}.schema_migrations (
                version text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamp with time zone NOT NULL DEFAULT now());
            """, cancellationToken).ConfigureAwait(false);

        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand($"SELECT version, checksum FROM {module.Schema}.schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetString(0)] = reader.GetString(1);
            }
        }

        foreach (var (version, sql) in MigrationsOf(module))
        {
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            if (applied.TryGetValue(version, out var appliedChecksum))
            {
                if (appliedChecksum != checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {module.Schema}/{version} was changed after it was applied. Add a new migration instead of editing an applied one.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, sql, cancellationToken, transaction).ConfigureAwait(false);
            await using (var record = new NpgsqlCommand($"INSERT INTO {module.Schema}.schema_migrations (version, checksum) VALUES (@version, @checksum)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", version);
                record.Parameters.AddWithValue("checksum", checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, module.Schema, version);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
#pragma warning disable CA2100 // migration SQL is compiled into the assemblies, never built from input
        await using var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Schema}/{Version}")]
    private static partial void LogApplied(ILogger logger, string schema, string version);
}
