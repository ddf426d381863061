using Npgsql;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

/// <summary>The host runs (and migrates) as an ordinary role that owns its database, as in production, not as the
/// test server's superuser.</summary>
public sealed class ApplicationRoleFactory : VoiceAssistFactory
{
    public ApplicationRoleFactory()
        : base(CreateOwnedDatabase(out var role), SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase())) => Role = role;

    public string Role { get; }

    public string SuperuserConnectionString => new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { Username = "postgres" }.ConnectionString;

    private static string CreateOwnedDatabase(out string role)
    {
        role = "va_app_" + Guid.NewGuid().ToString("N")[..10];
        var database = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(SharedServers.Postgres.ConnectionString()))
        {
            connection.Open();
            using (var createRole = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", connection))
            {
                createRole.ExecuteNonQuery();
            }

            using var createDatabase = new NpgsqlCommand($"CREATE DATABASE {database} OWNER {role}", connection);
            createDatabase.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(SharedServers.Postgres.ConnectionString(database)) { Username = role }.ConnectionString;
    }
}

public sealed class AuditApplicationRoleTests(ApplicationRoleFactory factory) : IClassFixture<ApplicationRoleFactory>
{
    [Theory]
    [InlineData("UPDATE compliance.audit_entries SET resource_id = 'changed'")]
    [InlineData("DELETE FROM compliance.audit_entries")]
    [InlineData("TRUNCATE compliance.audit_entries")]
    public async Task The_application_role_has_no_privilege_to_change_or_remove_entries(string sql)
    {
        await AuditChainFixture.Record(factory, 3);

        var change = () => AuditChainFixture.Execute(factory, sql);

        var refusal = (await change.Should().ThrowAsync<PostgresException>()).Which;
        refusal.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        refusal.MessageText.Should().StartWith("permission denied", "the privilege check refuses it before any trigger runs");
    }

    [Theory]
    [InlineData("UPDATE compliance.audit_entries SET resource_id = 'changed'")]
    [InlineData("DELETE FROM compliance.audit_entries")]
    public async Task Even_when_granted_the_privilege_by_mistake_the_trigger_refuses(string sql)
    {
        await AuditChainFixture.Record(factory, 3);
        await AsSuperuser($"GRANT UPDATE, DELETE ON compliance.audit_entries TO {factory.Role}");
        try
        {
            var change = () => AuditChainFixture.Execute(factory, sql);

            var refusal = (await change.Should().ThrowAsync<PostgresException>()).Which;
            refusal.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
            refusal.MessageText.Should().Contain("append-only");
            (await AuditChainFixture.Verify(factory.CreateClient())).GetProperty("intact").GetBoolean().Should().BeTrue();
        }
        finally
        {
            await AsSuperuser($"REVOKE UPDATE, DELETE ON compliance.audit_entries FROM {factory.Role}");
        }
    }

    private async Task AsSuperuser(string sql)
    {
        await using var superuser = new NpgsqlConnection(factory.SuperuserConnectionString);
        await superuser.OpenAsync();
        await using var command = new NpgsqlCommand(sql, superuser);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_application_role_can_still_append_and_the_chain_verifies()
    {
        await AuditChainFixture.Record(factory, 5);

        var verification = await AuditChainFixture.Verify(factory.CreateClient());

        verification.GetProperty("intact").GetBoolean().Should().BeTrue();
        verification.GetProperty("entriesVerified").GetInt64().Should().BeGreaterThanOrEqualTo(5);
    }
}
