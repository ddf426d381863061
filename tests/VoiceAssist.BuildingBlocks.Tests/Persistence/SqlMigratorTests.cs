using Npgsql;
using VoiceAssist.Testing.Outbox;

namespace VoiceAssist.BuildingBlocks.Tests.Persistence;

public sealed class SqlMigratorTests : IAsyncLifetime
{
    private readonly OutboxHarness harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Replicas_starting_together_migrate_once_without_errors()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => harness.NewReplica().MigrateDatabase()));

        (await harness.Scalar("SELECT count(*) FROM orders.schema_migrations")).Should().Be(2);
        (await harness.Scalar("SELECT count(*) FROM shipping.schema_migrations")).Should().Be(2);
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing()
    {
        await harness.Migrate();
        await harness.PlaceOrders(harness.NewReplica(), 2);

        await harness.Migrate();

        (await harness.Scalar("SELECT count(*) FROM orders.orders")).Should().Be(2);
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_the_start_up()
    {
        await harness.Migrate();
        await using (var connection = new NpgsqlConnection(harness.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE orders.schema_migrations SET checksum = 'edited' WHERE version = '0001_orders'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var migrating = () => harness.NewReplica().MigrateDatabase();

        await migrating.Should().ThrowAsync<InvalidOperationException>().WithMessage("*orders/0001_orders was changed after it was applied*");
    }
}
