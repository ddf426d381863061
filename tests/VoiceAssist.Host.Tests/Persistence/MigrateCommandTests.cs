using System.Diagnostics;
using Npgsql;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Persistence;

/// <summary>Production applies migrations with an explicit command, not at start-up.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task The_migrate_argument_applies_every_module_migration_and_exits()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "VoiceAssist.Host.dll"), "--migrate" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__VoiceAssist"] = database,
                ["ConnectionStrings__Redis"] = SharedServers.Redis.ConnectionString(),
            },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        process.ExitCode.Should().Be(0, await output);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        foreach (var schema in new[] { "identity", "voice", "knowledge", "integrations", "admin", "compliance" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {schema}.schema_migrations", connection);
            ((long)(await command.ExecuteScalarAsync())!).Should().BeGreaterThanOrEqualTo(2, $"{schema} has its outbox and its own tables");
        }
    }
}
