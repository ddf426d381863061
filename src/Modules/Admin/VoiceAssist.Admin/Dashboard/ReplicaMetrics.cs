using System.Diagnostics.Metrics;

namespace VoiceAssist.Admin.Dashboard;

/// <summary>This replica's HTTP traffic per minute over the last day, read from ASP.NET Core's own
/// <c>http.server.request.duration</c> histogram: requests, server errors (5xx), and the duration of knowledge searches.
/// Kept in memory (a replica's view, reset by a restart); Prometheus or OTLP export is the fleet-wide view.</summary>
internal sealed class ReplicaMetrics : IDisposable
{
    public const string SearchRoute = "/api/knowledge/search";
    private const int Minutes = 24 * 60;
    private const int SearchSamplesPerMinute = 2_000;

    private readonly MeterListener listener = new();
    private readonly Minute[] minutes = new Minute[Minutes];
    private readonly Lock gate = new();
    private readonly TimeProvider time;

    public ReplicaMetrics(TimeProvider time)
    {
        this.time = time;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => Record(seconds, tags));
        listener.Start();
    }

    /// <summary>One minute of traffic.</summary>
    public sealed record MinuteTraffic(DateTimeOffset Start, int Requests, int ServerErrors, double? SearchP50Ms, double? SearchP95Ms);

    /// <summary>The minutes since <paramref name="since"/>, oldest first, one per minute (empty minutes included).</summary>
    public IReadOnlyList<MinuteTraffic> Since(DateTimeOffset since)
    {
        var now = MinuteOf(time.GetUtcNow());
        var first = Math.Max(MinuteOf(since), now - Minutes + 1);
        var result = new List<MinuteTraffic>();
        lock (gate)
        {
            for (var m = first; m <= now; m++)
            {
                var slot = minutes[m % Minutes];
                var (p50, p95) = slot is not null && slot.Number == m ? Percentiles(slot.SearchMs) : (null, null);
                result.Add(slot is not null && slot.Number == m
                    ? new MinuteTraffic(Start(m), slot.Requests, slot.ServerErrors, p50, p95)
                    : new MinuteTraffic(Start(m), 0, 0, null, null));
            }
        }

        return result;
    }

    /// <summary>Search durations over a period, for one percentile pair over all its minutes.</summary>
    public (double? P50, double? P95) SearchPercentiles(DateTimeOffset since)
    {
        var now = MinuteOf(time.GetUtcNow());
        var first = Math.Max(MinuteOf(since), now - Minutes + 1);
        var all = new List<double>();
        lock (gate)
        {
            for (var m = first; m <= now; m++)
            {
                if (minutes[m % Minutes] is { } slot && slot.Number == m)
                {
                    all.AddRange(slot.SearchMs);
                }
            }
        }

        return Percentiles(all);
    }

    public void Dispose() => listener.Dispose();

    private void Record(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var status = 0;
        string? route = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "http.response.status_code" && tag.Value is int code)
            {
                status = code;
            }
            else if (tag.Key == "http.route")
            {
                route = tag.Value as string;
            }
        }

        var number = MinuteOf(time.GetUtcNow());
        lock (gate)
        {
            var slot = minutes[number % Minutes];
            if (slot is null || slot.Number != number)
            {
                slot = minutes[number % Minutes] = new Minute(number);
            }

            slot.Requests++;
            if (status >= 500)
            {
                slot.ServerErrors++;
            }

            if (route == SearchRoute && slot.SearchMs.Count < SearchSamplesPerMinute)
            {
                slot.SearchMs.Add(seconds * 1000);
            }
        }
    }

    private static (double? P50, double? P95) Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }

        var sorted = values.Order().ToArray();
        return (Math.Round(At(sorted, 0.5), 1), Math.Round(At(sorted, 0.95), 1));
    }

    private static double At(double[] sorted, double quantile) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)];

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    private static DateTimeOffset Start(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);

    private sealed class Minute(long number)
    {
        public long Number { get; } = number;
        public int Requests { get; set; }
        public int ServerErrors { get; set; }
        public List<double> SearchMs { get; } = [];
    }
}
