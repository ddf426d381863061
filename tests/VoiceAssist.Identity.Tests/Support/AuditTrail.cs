using Npgsql;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>What reached the Compliance module's audit trail, read straight from PostgreSQL.</summary>
internal static class AuditTrail
{
    /// <summary>One text column of <c>compliance.audit_entries</c> (<paramref name="column"/>, an SQL expression) for the
    /// rows where <paramref name="filter"/> (SQL using <c>@value</c>) holds.</summary>
    public static async Task<List<string>> Read(string connectionString, string column, string filter, string value)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM compliance.audit_entries WHERE {filter}", connection);
        command.Parameters.AddWithValue("value", value);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
