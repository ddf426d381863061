using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.BuildingBlocks.Security.Encryption;

/// <summary>Rewrites a module's own encrypted columns under the newest key: values written under an older key, and
/// plaintext written before the column was encrypted. Each module calls it with its own DbContext when Compliance
/// asks it to re-encrypt (the module's <c>Reencrypt*Fields</c> request), so the SQL names only that module's tables.
/// The columns are found in the DbContext's model (properties stored with <see cref="EncryptedStringConverter"/>) and
/// rewritten in batches, each row only if it still holds the value that was read (a concurrent writer wins).</summary>
public sealed partial class FieldReencryption(NpgsqlDataSource dataSource, IFieldEncryptor encryptor, ILogger<FieldReencryption> logger)
{
    private const int BatchSize = 500;

    /// <summary>The encrypted columns of the module that owns <paramref name="own"/>: schema, table, key column, column and purpose.</summary>
    public static IReadOnlyList<EncryptedColumn> Columns(DbContext own)
    {
        ArgumentNullException.ThrowIfNull(own);
        var columns = new List<EncryptedColumn>();
        foreach (var entity in own.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var key = entity.FindPrimaryKey()?.Properties;
            if (table is null || key is not { Count: 1 })
            {
                continue;
            }

            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetValueConverter() is EncryptedStringConverter converter)
                {
                    columns.Add(new EncryptedColumn(entity.GetSchema() ?? own.Model.GetDefaultSchema()!, table, key[0].GetColumnName(store)!, property.GetColumnName(store)!, converter.Purpose));
                }
            }
        }

        return columns;
    }

    /// <summary>Re-encrypts the module's columns until no value is left under an older key.</summary>
    public async Task<ModuleFieldsReencrypted> Run(DbContext own, CancellationToken cancellationToken)
    {
        var columns = Columns(own);
        var rewritten = 0L;
        foreach (var column in columns)
        {
            var columnRewritten = 0L;
            while (true)
            {
                var batch = await ReadBatch(column, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                columnRewritten += await Rewrite(column, batch, cancellationToken).ConfigureAwait(false);
                if (batch.Count < BatchSize)
                {
                    break;
                }
            }

            LogColumn(logger, column.Schema, column.Table, column.Column, columnRewritten);
            rewritten += columnRewritten;
        }

        return new ModuleFieldsReencrypted(rewritten, [.. columns.Select(c => $"{c.Schema}.{c.Table}.{c.Column}")]);
    }

    private async Task<List<(object Key, string Stored)>> ReadBatch(EncryptedColumn column, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT \"{column.KeyColumn}\", \"{column.Column}\" FROM \"{column.Schema}\".\"{column.Table}\" " +
            $"WHERE \"{column.Column}\" IS NOT NULL AND NOT starts_with(\"{column.Column}\", $1) LIMIT {BatchSize}");
        command.Parameters.Add(new NpgsqlParameter { Value = encryptor.CurrentPrefix });
        var batch = new List<(object, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add((reader.GetValue(0), reader.GetString(1)));
        }

        return batch;
    }

    private async Task<long> Rewrite(EncryptedColumn column, List<(object Key, string Stored)> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rewritten = 0L;
        foreach (var (key, stored) in batch)
        {
            var reencrypted = encryptor.Encrypt(encryptor.Decrypt(stored, column.Purpose), column.Purpose);
            await using var update = new NpgsqlCommand(
                $"UPDATE \"{column.Schema}\".\"{column.Table}\" SET \"{column.Column}\" = $1 WHERE \"{column.KeyColumn}\" = $2 AND \"{column.Column}\" = $3",
                connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = reencrypted });
            update.Parameters.Add(new NpgsqlParameter { Value = key });
            update.Parameters.Add(new NpgsqlParameter { Value = stored });
            rewritten += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rewritten;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encrypted {Count} values of {Schema}.{Table}.{Column} under the newest key")]
    private static partial void LogColumn(ILogger logger, string schema, string table, string column, long count);
}

public sealed record EncryptedColumn(string Schema, string Table, string KeyColumn, string Column, string Purpose);
