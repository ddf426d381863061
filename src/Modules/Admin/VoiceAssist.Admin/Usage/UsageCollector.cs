using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Admin.Usage;

/// <summary>Listens to <see cref="UsageMeter"/> on this replica and adds what it heard to <c>admin.usage_daily</c>
/// every <see cref="FlushInterval"/> (and at shutdown), so the usage page sums every replica's metering.</summary>
internal sealed partial class UsageCollector(NpgsqlDataSource dataSource, TimeProvider time, ILogger<UsageCollector> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<(DateOnly Day, string User, string Meter, string Model), double> pending = new();
    private MeterListener? listener;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == UsageMeter.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, quantity, tags, _) => Add(quantity, tags));
        listener.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        listener?.Dispose();
        await Flush(CancellationToken.None);
    }

    /// <summary>Writes what was metered since the last flush; what cannot be written now is kept for the next one.</summary>
    public async Task Flush(CancellationToken cancellationToken)
    {
        var taken = new List<((DateOnly Day, string User, string Meter, string Model) Key, double Quantity)>();
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var quantity))
            {
                taken.Add((key, quantity));
            }
        }

        if (taken.Count == 0)
        {
            return;
        }

        try
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var (key, quantity) in taken)
            {
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO admin.usage_daily (day, user_id, meter, model, quantity) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (day, user_id, meter, model) DO UPDATE SET quantity = admin.usage_daily.quantity + EXCLUDED.quantity
                    """);
                command.Parameters.Add(new() { Value = key.Day });
                command.Parameters.Add(new() { Value = key.User });
                command.Parameters.Add(new() { Value = key.Meter });
                command.Parameters.Add(new() { Value = key.Model });
                command.Parameters.Add(new() { Value = quantity });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            foreach (var (key, quantity) in taken)
            {
                pending.AddOrUpdate(key, quantity, (_, held) => held + quantity);
            }

            LogFlushFailed(logger, ex.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Flush(stoppingToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        listener?.Dispose();
        base.Dispose();
    }

    private void Add(double quantity, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string meter = "", model = "", user = UsageMeter.System;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "meter": meter = tag.Value as string ?? ""; break;
                case "model": model = tag.Value as string ?? ""; break;
                case "user": user = tag.Value as string ?? UsageMeter.System; break;
            }
        }

        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        pending.AddOrUpdate((day, user, meter, model), quantity, (_, held) => held + quantity);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage could not be written ({ErrorType}); kept for the next flush.")]
    private static partial void LogFlushFailed(ILogger logger, string errorType);
}
