using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Testing.Outbox.Orders;
using VoiceAssist.Testing.Outbox.Orders.Data;
using VoiceAssist.Testing.Outbox.Shipping;
using VoiceAssist.Testing.Outbox.Shipping.Data;

namespace VoiceAssist.Testing.Outbox;

/// <summary>Two sample modules (orders publishes, shipping consumes) on a database of their own, and "replicas":
/// separate service providers, each with its own connection pool and dispatcher, as separate hosts would have.</summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> replicas = [];

    public OutboxHarness(string? connectionString = null)
    {
        ConnectionString = connectionString ?? SharedServers.Postgres.CreateDatabase();
    }

    public string ConnectionString { get; }

    public ShippingHooks Hooks { get; } = new();

    public ServiceProvider NewReplica(IDictionary<string, string?>? outboxSettings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Outbox:FirstRetryDelay"] = "00:00:00.010",
                ["Outbox:MaxRetryDelay"] = "00:00:00.050",
                ["Outbox:PollInterval"] = "00:00:00.020",
            })
            .AddInMemoryCollection(outboxSettings?.ToDictionary(kv => "Outbox:" + kv.Key, kv => kv.Value) ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(ConnectionString).Build());
        services.AddSingleton<BuildingBlocks.Persistence.SqlMigrator>();
        services.AddMessaging();
        services.AddOutbox(configuration);
        services.AddModule<OrdersDbContext>("Orders", "orders");
        services.AddModule<ShippingDbContext>("Shipping", "shipping");
        services.AddSingleton(Hooks);
        var provider = services.BuildServiceProvider(validateScopes: true);
        replicas.Add(provider);
        return provider;
    }

    public async Task Migrate() => await NewReplica().MigrateDatabase();

    /// <summary>Places orders through the mediator, one command (one transaction) each.</summary>
    public async Task<IReadOnlyList<Guid>> PlaceOrders(ServiceProvider replica, int count, bool poison = false)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            await using var scope = replica.CreateAsyncScope();
            ids.Add(await scope.ServiceProvider.GetRequiredService<BuildingBlocks.Contracts.Messaging.ISender>().Send(new PlaceOrder(poison)));
        }

        return ids;
    }

    /// <summary>Places many orders in one transaction (for volume tests, where one command each would dominate).</summary>
    public async Task PlaceOrdersInBulk(ServiceProvider replica, int count)
    {
        await using var scope = replica.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        for (var i = 0; i < count; i++)
        {
            var order = new Order { Id = Guid.CreateVersion7() };
            db.Orders.Add(order);
            db.AddIntegrationEvent(new OrderPlaced(Guid.CreateVersion7(), DateTimeOffset.UtcNow, order.Id, false));
        }

        await db.SaveChangesAsync();
    }

    public async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // test SQL written in the test
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<double>> ConsumerLatenciesMs()
    {
        await using var scope = NewReplica().CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShippingDbContext>().Shipments.Select(s => s.CommitToConsumedMs).ToListAsync();
    }

    /// <summary>Runs one dispatch pass of a replica (every module's outbox, one batch each).</summary>
    public static Task<int> DrainOnce(ServiceProvider replica, CancellationToken cancellationToken = default) =>
        replica.GetRequiredService<OutboxDispatcher>().DrainOnce(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
