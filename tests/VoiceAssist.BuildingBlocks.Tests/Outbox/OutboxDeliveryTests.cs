using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Testing.Outbox;
using VoiceAssist.Testing.Outbox.Orders;

namespace VoiceAssist.BuildingBlocks.Tests.Outbox;

/// <summary>The outbox and inbox against a real PostgreSQL, crash windows included.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly OutboxHarness harness = new();

    public Task InitializeAsync() => harness.Migrate();

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task A_rolled_back_business_change_leaves_no_message_in_the_outbox()
    {
        var replica = harness.NewReplica();
        await using var scope = replica.CreateAsyncScope();

        var placing = () => scope.ServiceProvider.GetRequiredService<ISender>().Send(new PlaceOrder(FailAfterSaving: true));

        await placing.Should().ThrowAsync<InvalidOperationException>();
        (await harness.Scalar("SELECT count(*) FROM orders.orders")).Should().Be(0);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages")).Should().Be(0);
    }

    [Fact]
    public async Task A_committed_business_change_and_its_message_are_saved_together()
    {
        var replica = harness.NewReplica();

        await harness.PlaceOrders(replica, 3);

        (await harness.Scalar("SELECT count(*) FROM orders.orders")).Should().Be(3);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NULL")).Should().Be(3);
    }

    [Fact]
    public async Task A_message_redelivered_after_the_consumer_committed_is_a_no_op()
    {
        var replica = harness.NewReplica();
        await harness.PlaceOrders(replica, 1);
        var message = await ReadOrderPlaced();

        // First delivery: the consumer commits, then the dispatcher dies before marking the message sent.
        await using (var scope = replica.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(message);
        }

        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NULL")).Should().Be(1);

        // A dispatcher (this replica after restart, or another) claims the message again.
        await OutboxHarness.DrainOnce(harness.NewReplica());

        (await harness.Scalar("SELECT count(*) FROM shipping.shipments")).Should().Be(1);
        (await harness.Scalar("SELECT count(*) FROM shipping.inbox_messages")).Should().Be(1);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NOT NULL")).Should().Be(1);
    }

    [Fact]
    public async Task A_dispatcher_stopped_mid_batch_leaves_the_batch_to_be_delivered_again_without_duplicates()
    {
        var replica = harness.NewReplica(new Dictionary<string, string?> { ["MaxConcurrentDeliveries"] = "1" });
        await harness.PlaceOrders(replica, 5);
        using var dying = new CancellationTokenSource();
        var handled = 0;
        harness.Hooks.BeforeHandling = _ =>
        {
            // The third delivery finds the process going down; the first two consumers have committed.
            if (++handled == 3)
            {
                dying.Cancel();
                dying.Token.ThrowIfCancellationRequested();
            }

            return Task.CompletedTask;
        };

        var pass = () => OutboxHarness.DrainOnce(replica, dying.Token);

        await pass.Should().ThrowAsync<OperationCanceledException>();
        (await harness.Scalar("SELECT count(*) FROM shipping.shipments")).Should().Be(2);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NOT NULL")).Should().Be(0);

        harness.Hooks.BeforeHandling = null;
        await OutboxHarness.DrainOnce(harness.NewReplica());

        (await harness.Scalar("SELECT count(*) FROM shipping.shipments")).Should().Be(5);
        (await harness.Scalar("SELECT count(DISTINCT order_id) FROM shipping.shipments")).Should().Be(5);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NULL")).Should().Be(0);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_consume_ten_thousand_messages_exactly_once()
    {
        const int messages = 10_000;
        await harness.PlaceOrdersInBulk(harness.NewReplica(), messages);
        var first = harness.NewReplica();
        var second = harness.NewReplica();
        var dispatchers = new[] { first.GetRequiredService<OutboxDispatcher>(), second.GetRequiredService<OutboxDispatcher>() };
        var claimed = new int[2];

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(dispatchers.Select(async (dispatcher, i) =>
        {
            while (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE processed_at IS NULL") > 0)
            {
                claimed[i] += await dispatcher.DrainOnce(timeout.Token);
            }
        }));

        (await harness.Scalar("SELECT count(*) FROM shipping.shipments")).Should().Be(messages);
        (await harness.Scalar("SELECT count(DISTINCT order_id) FROM shipping.shipments")).Should().Be(messages);
        (await harness.Scalar("SELECT count(*) FROM shipping.inbox_messages")).Should().Be(messages);
        claimed.Should().OnlyContain(c => c > 0, "both dispatchers should have shared the work");
    }

    [Fact]
    public async Task A_message_that_always_fails_is_dead_lettered_after_the_maximum_attempts_while_others_flow()
    {
        var replica = harness.NewReplica(new Dictionary<string, string?> { ["MaxAttempts"] = "3" });
        await harness.PlaceOrders(replica, 1, poison: true);
        await harness.PlaceOrders(replica, 20);

        await VoiceAssist.Testing.Eventually.Until(
            async () =>
            {
                await OutboxHarness.DrainOnce(replica);
                return await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE dead_lettered_at IS NOT NULL");
            },
            deadLetters => deadLetters == 1,
            because: "the poison message should be dead-lettered");

        (await harness.Scalar("SELECT count(*) FROM shipping.shipments")).Should().Be(20);
        var maintenance = replica.GetRequiredService<OutboxMaintenance>();
        var deadLetter = (await maintenance.DeadLetters(CancellationToken.None)).Should().ContainSingle().Subject;
        deadLetter.Module.Should().Be("Orders");
        deadLetter.Attempts.Should().Be(3);
        deadLetter.LastError.Should().Contain("cannot be shipped");
        (await maintenance.Backlog(CancellationToken.None)).DeadLettered.Should().Be(1);

        (await maintenance.Redrive("Orders", deadLetter.Id, CancellationToken.None)).Should().BeTrue();
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE dead_lettered_at IS NULL AND processed_at IS NULL AND attempts = 0"))
            .Should().Be(1);
        (await maintenance.Redrive("Orders", Guid.NewGuid(), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_later_with_its_attempt_and_error_recorded()
    {
        var replica = harness.NewReplica(new Dictionary<string, string?> { ["FirstRetryDelay"] = "00:10:00", ["MaxRetryDelay"] = "00:10:00" });
        await harness.PlaceOrders(replica, 1);
        var failNext = true;
        harness.Hooks.BeforeHandling = _ => failNext ? throw new TimeoutException("carrier unavailable") : Task.CompletedTask;

        await OutboxHarness.DrainOnce(replica);
        failNext = false;
        var claimedAgainAtOnce = await OutboxHarness.DrainOnce(replica);

        claimedAgainAtOnce.Should().Be(0, "the retry waits for its backoff");
        (await harness.Scalar("SELECT attempts FROM orders.outbox_messages")).Should().Be(1);
        (await harness.Scalar("SELECT count(*) FROM orders.outbox_messages WHERE last_error LIKE '%carrier unavailable%' AND next_attempt_at > now() + interval '5 minutes'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task The_background_dispatcher_delivers_without_being_asked()
    {
        var replica = harness.NewReplica();
        var dispatcher = replica.GetServices<IHostedService>().Should().ContainSingle().Subject;
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await harness.PlaceOrders(replica, 5);

            await VoiceAssist.Testing.Eventually.Until(() => harness.Scalar("SELECT count(*) FROM shipping.shipments"), n => n == 5);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private async Task<OrderPlaced> ReadOrderPlaced()
    {
        await using var connection = new Npgsql.NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT payload::text FROM orders.outbox_messages", connection);
        var payload = (string)(await command.ExecuteScalarAsync())!;
        return System.Text.Json.JsonSerializer.Deserialize<OrderPlaced>(payload, WebJson)!;
    }
}
