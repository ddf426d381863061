// Outbox throughput and latency on this machine, against a real PostgreSQL with its default durability.
//   dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Outbox [-- --messages 20000 --rate 200 --seconds 30 --concurrency 4]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Outbox;
using VoiceAssist.Testing.Outbox.Orders;

var messages = Option("--messages", 20_000);
var rate = Option("--rate", 200);
var seconds = Option("--seconds", 30);
var concurrency = Option("--concurrency", 4);

// The shipped defaults (appsettings.json), not the tests' fast-retry settings.
var outboxSettings = new Dictionary<string, string?>
{
    ["PollInterval"] = "00:00:00.100",
    ["FirstRetryDelay"] = "00:00:01",
    ["MaxRetryDelay"] = "00:10:00",
    ["MaxConcurrentDeliveries"] = concurrency.ToString(CultureInfo.InvariantCulture),
};

using var postgres = new LocalPostgres(durable: true);
Console.WriteLine($"PostgreSQL (fsync on, synchronous_commit on) on 127.0.0.1:{postgres.Port}; {Environment.ProcessorCount} cores; {concurrency} deliveries in parallel per dispatcher; poll interval 100 ms");

foreach (var dispatchers in new[] { 1, 2 })
{
    await using var harness = new OutboxHarness(postgres.CreateDatabase());
    await harness.Migrate();
    await harness.PlaceOrdersInBulk(harness.NewReplica(), messages);
    var replicas = Enumerable.Range(0, dispatchers).Select(_ => harness.NewReplica(outboxSettings)).ToList();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(replicas.Select(async replica =>
    {
        while (await OutboxHarness.DrainOnce(replica) > 0)
        {
        }
    }));
    clock.Stop();
    var delivered = await harness.Scalar("SELECT count(*) FROM shipping.shipments");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Throughput, {dispatchers} dispatcher(s): {delivered} messages delivered end to end in {clock.Elapsed.TotalSeconds:0.00} s = {delivered / clock.Elapsed.TotalSeconds:0} messages/s"));
}

{
    await using var harness = new OutboxHarness(postgres.CreateDatabase());
    await harness.Migrate();
    var dispatchers = new[] { harness.NewReplica(outboxSettings), harness.NewReplica(outboxSettings) }
        .Select(replica => replica.GetServices<IHostedService>().Single()).ToList();
    foreach (var dispatcher in dispatchers)
    {
        await dispatcher.StartAsync(CancellationToken.None);
    }

    var producer = harness.NewReplica();
    var total = rate * seconds;
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        await using var scope = producer.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PlaceOrder());
    }

    var produced = clock.Elapsed;
    while (await harness.Scalar("SELECT count(*) FROM shipping.shipments") < total)
    {
        await Task.Delay(50);
    }

    foreach (var dispatcher in dispatchers)
    {
        await dispatcher.StopAsync(CancellationToken.None);
    }

    var latencies = (await harness.ConsumerLatenciesMs()).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Latency at {rate} messages/s for {seconds} s ({total} messages, produced in {produced.TotalSeconds:0.0} s), 2 dispatchers, commit to consumer commit: " +
        $"p50 {Percentile(latencies, 50):0} ms, p95 {Percentile(latencies, 95):0} ms, p99 {Percentile(latencies, 99):0} ms, max {latencies[^1]:0} ms"));
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
