using Npgsql;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>The events Identity wrote to its outbox, read straight from PostgreSQL: what the audit trail receives.</summary>
internal static class IdentityOutbox
{
    /// <summary>Every event in the order it occurred, by short type name (<c>SignInFailed</c>), with its JSON payload.</summary>
    public static async Task<List<(string Type, string Payload)>> Events(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type, payload FROM identity.outbox_messages ORDER BY occurred_at", connection);
        var events = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0).Split(',')[0].Split('.')[^1], reader.GetString(1)));
        }

        return events;
    }

    /// <summary>The payloads of one event type, in the order they occurred.</summary>
    public static async Task<List<string>> Payloads(string connectionString, string eventName) =>
        [.. (await Events(connectionString)).Where(e => e.Type == eventName).Select(e => e.Payload)];
}
