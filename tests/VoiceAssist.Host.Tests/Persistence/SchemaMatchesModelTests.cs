using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Persistence;

/// <summary>Migrations are written by hand, so this is what keeps them honest: after migrating, every module's
/// schema holds exactly the tables and columns (type, nullability) its EF model maps, and nothing else. The one
/// exception is Knowledge's <c>chunk_vectors</c>, created only where the pgvector extension exists.</summary>
public sealed class SchemaMatchesModelTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    public static TheoryData<string> Modules => ["Identity", "Voice", "Knowledge", "Integrations", "Admin", "Compliance"];

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task The_migrated_schema_matches_the_model_of(string moduleName)
    {
        _ = factory.Server; // starts the host, which migrates
        var module = factory.Services.GetServices<ModuleDescriptor>().Single(m => m.Name == moduleName);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType);

        var modelColumns = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Schema}.{t.Name}.{c.Name} {c.StoreType} {(c.IsNullable ? "NULL" : "NOT NULL")}"))
            .Order().ToList();
        var databaseColumns = await DatabaseColumns(module.Schema);

        databaseColumns.Except(modelColumns).Should().BeEmpty("every column a migration creates must be mapped by the model");
        modelColumns.Except(databaseColumns).Should().BeEmpty("every column the model maps must be created by a migration");
    }

    private async Task<List<string>> DatabaseColumns(string schema)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, NULL) || ' ' ||
                   CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname NOT IN ('schema_migrations', 'chunk_vectors')
            """, connection);
        command.Parameters.AddWithValue("schema", schema);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Order().ToList();
    }
}
