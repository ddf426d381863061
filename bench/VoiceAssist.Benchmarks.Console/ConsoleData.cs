using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace VoiceAssist.Benchmarks.Console;

/// <summary>Seeds the console's data straight into PostgreSQL, in bulk statements: accounts and documents cloned from
/// one created through the application (so every column holds a value the application itself writes), and audit
/// entries appended through the table's own chaining trigger, so the hash chain is real and verifies.</summary>
internal sealed class ConsoleData(string connectionString)
{
    public async Task<TimeSpan> SeedUsers(Guid template, int count) =>
        await Clone("identity.users", template, count, new Dictionary<string, string>
        {
            ["id"] = "gen_random_uuid()",
            ["email"] = "'user' || i || '@bench.example'",
            ["normalized_email"] = "'USER' || i || '@BENCH.EXAMPLE'",
            ["user_name"] = "'user' || i || '@bench.example'",
            ["normalized_user_name"] = "'USER' || i || '@BENCH.EXAMPLE'",
            ["display_name"] = "'Bench User ' || i",
            ["role"] = "(ARRAY['clinician','clinician','clinician','clinician','clinician','clinician','clinician','viewer','auditor','admin'])[1 + i % 10]",
            ["security_stamp"] = "gen_random_uuid()::text",
            ["concurrency_stamp"] = "gen_random_uuid()::text",
            ["created_at"] = "now() - (i || ' minutes')::interval",
        });

    public async Task<TimeSpan> SeedDocuments(Guid template, int count) =>
        await Clone("knowledge.documents", template, count, new Dictionary<string, string>
        {
            ["id"] = "gen_random_uuid()",
            ["title"] = "'Bench guideline ' || i",
            ["external_id"] = "'bench-' || i",
            ["content_hash"] = "md5('bench-' || i)",
            ["ingested_at"] = "now() - (i || ' minutes')::interval",
            ["created_at"] = "now() - (i || ' minutes')::interval",
        });

    /// <summary>Audit entries over the last 90 days: sign-ins, PHI reads, searches, role changes with values before
    /// and after, from 10,000 actors, most succeeded, one in ten with another outcome.</summary>
    public async Task<TimeSpan> SeedAuditEntries(int count)
    {
        var clock = Stopwatch.StartNew();
        const int batch = 100_000;
        for (var start = count; start >= 1; start -= batch)
        {
            var end = Math.Max(1, start - batch + 1);
            await Execute(string.Create(CultureInfo.InvariantCulture, $$"""
                INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id, outcome,
                                                      correlation_id, actor_role, session_id, client_ip, reason, before_value, after_value)
                SELECT now() - (i * interval '7.776 seconds'), a.action, a.resource_type, a.resource_type || '-' || (i % 50000),
                       md5((i % 10000)::text)::uuid::text, gen_random_uuid(),
                       (ARRAY['succeeded','succeeded','succeeded','succeeded','succeeded','succeeded','succeeded','not_found','forbidden','failed'])[1 + (i * 31) % 10],
                       md5(i::text), 'clinician', md5(((i / 20) % 10000)::text)::uuid::text, '10.' || (i % 250) || '.' || (i % 7) || '.1',
                       CASE WHEN a.action = 'identity.user.role_changed' THEN 'Bench role change ' || i END,
                       CASE WHEN a.action = 'identity.user.role_changed' THEN '{"role":"clinician"}' END,
                       CASE WHEN a.action = 'identity.user.role_changed' THEN '{"role":"viewer"}' END
                  FROM generate_series({{start}}, {{end}}, -1) i
                  JOIN (VALUES (0, 'identity.user.signed_in', 'user'), (1, 'phi.GetConversation', 'conversation'), (2, 'phi.TakeTurn', 'conversation'),
                               (3, 'phi.SearchKnowledge', 'knowledge'), (4, 'voice.conversation.started', 'conversation'),
                               (5, 'knowledge.document.ingested', 'document'), (6, 'identity.user.sign_in_failed', 'user'),
                               (7, 'compliance.audit.searched', 'audit_trail'), (8, 'identity.session.revoked', 'session'),
                               (9, 'identity.user.role_changed', 'user')) AS a(n, action, resource_type) ON a.n = (i::bigint * 7919) % 10
                """));
        }

        await Execute("VACUUM ANALYZE compliance.audit_entries");
        return clock.Elapsed;
    }

    public async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<string>> Lines(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    public async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Copies the template row <paramref name="count"/> times in one statement, replacing the columns that
    /// must differ (ids, unique names) and keeping every other column as the application wrote it.</summary>
    private async Task<TimeSpan> Clone(string table, Guid template, int count, Dictionary<string, string> replacements)
    {
        var clock = Stopwatch.StartNew();
        var parts = table.Split('.');
        var columns = await Lines($"""
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = '{parts[0]}' AND table_name = '{parts[1]}' AND is_generated = 'NEVER' ORDER BY ordinal_position
            """);
        var values = columns.Select(c => replacements.TryGetValue(c, out var expression) ? expression : "t." + c);
        await Execute($"""
            INSERT INTO {table} ({string.Join(", ", columns)})
            SELECT {string.Join(", ", values)} FROM {table} t, generate_series(1, {count}) i WHERE t.id = '{template}'
            """);
        await Execute($"ANALYZE {table}");
        return clock.Elapsed;
    }
}
