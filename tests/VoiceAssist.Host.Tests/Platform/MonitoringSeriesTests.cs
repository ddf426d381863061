using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VoiceAssist.Testing;
using Xunit.Abstractions;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>Every series a Grafana dashboard or an alert rule queries is one the host really exports (after a short
/// run of real use), or comes from a named exporter outside the host. The host's series are scraped from
/// <c>/metrics</c> where the host serves it; otherwise they are the instruments that received measurements on the meters
/// the host's OpenTelemetry export subscribes to, named as the Prometheus exporters name them (dots to underscores, the
/// unit appended, counters ending in _total, histograms as _bucket, _count and _sum).</summary>
public sealed partial class MonitoringSeriesTests(VoiceAssistFactory factory, ITestOutputHelper output) : IClassFixture<VoiceAssistFactory>
{
    /// <summary>Series that come from elsewhere, with their source.</summary>
    private static readonly Dictionary<string, string> External = new(StringComparer.Ordinal)
    {
        ["up"] = "Prometheus itself, per scrape target",
        ["voiceassist_backup_last_success_timestamp_seconds"] = "scripts/backup.sh (metrics file or Pushgateway)",
        ["probe_ssl_earliest_cert_expiry"] = "the blackbox exporter probing the public URL",
        ["node_filesystem_avail_bytes"] = "node_exporter",
        ["node_filesystem_size_bytes"] = "node_exporter",
        ["kubelet_volume_stats_available_bytes"] = "the kubelet",
        ["kubelet_volume_stats_capacity_bytes"] = "the kubelet",
    };

    [Fact]
    public async Task Every_series_the_dashboards_and_alerts_query_is_exported_by_the_host_or_a_named_exporter()
    {
        using var instruments = new InstrumentRecorder(ExportedMeters());
        await Exercise();
        var exported = await Eventually.Until(Exported(instruments), names => names.Contains("voiceassist_health_status") && names.Contains("voiceassist_outbox_oldest_pending_age_seconds"),
            within: TimeSpan.FromSeconds(60), because: "the health checks run in the background within seconds of the start");
        var published = instruments.Published();

        var queried = MonitoringQueries.Series();
        queried.Keys.Should().Contain(["http_server_request_duration_seconds_bucket", "voiceassist_outbox_oldest_pending_age_seconds", "up"], "the extraction finds the queries");
        var missing = new List<string>();
        foreach (var (series, uses) in queried.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (External.TryGetValue(series, out var source))
            {
                output.WriteLine($"{series}: from {source}");
                if (source.StartsWith("scripts/backup.sh", StringComparison.Ordinal))
                {
                    File.ReadAllText(Path.Combine(MonitoringQueries.RepositoryRoot, "scripts", "backup.sh")).Should().Contain(series);
                }
            }
            else if (exported.Contains(series))
            {
                output.WriteLine($"{series}: exported");
            }
            else if (published.TryGetValue(series, out var instrument))
            {
                // An instrument of an exported meter that this short run did not record into (a barge-in, a request
                // waiting for a pooled connection): the exporter lists it from its first measurement, under this name.
                output.WriteLine($"{series}: instrument {instrument} of an exported meter, not recorded in this run");
            }
            else
            {
                missing.Add($"{series} (queried by {string.Join("; ", uses)})");
            }
        }

        missing.Should().BeEmpty("every queried series must exist; the host exports {0} series names", exported.Count);
    }

    /// <summary>Real use: requests, a conversation turn, a search, an audit verification, an unknown path, and a voice
    /// turn over the socket.</summary>
    private async Task Exercise()
    {
        var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        var conversation = await (await client.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        (await client.PostAsJsonAsync($"/api/conversations/{conversation.GetProperty("id").GetGuid()}/turns", new { text = "CHA2DS2-VASc for a 70 year old with hypertension" }))
            .EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/knowledge/search", new { query = "hypertension first-line treatment" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/api/compliance/audit/verify", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/api/no-such-endpoint", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/api/voice/ws"), CancellationToken.None);
        await Send(socket, new { type = "start", sampleRate = 16_000 });
        await Receive(socket, "ready");
        await Send(socket, new { type = "text", text = "What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes?" });
        await Receive(socket, "audio_end");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private Func<Task<HashSet<string>>> Exported(InstrumentRecorder instruments) => async () =>
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync();
            return SeriesLine().Matches(text).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        }

        return instruments.Measured();
    };

    /// <summary>The meters the host's OpenTelemetry export subscribes to.</summary>
    private static IReadOnlyCollection<string> ExportedMeters() =>
        (string[])typeof(VoiceAssist.BuildingBlocks.Observability.OpenTelemetrySetup)
            .GetField("Meters", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

    private static Task Send(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task Receive(WebSocket socket, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            using var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count));
            if (message.RootElement.GetProperty("type").GetString() == type)
            {
                return;
            }
        }
    }

    /// <summary>A sample line of the text exposition format: the series name before its labels or value.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}

/// <summary>Listens to the instruments of the given meters: which exist, and which received a measurement (what an
/// OpenTelemetry exporter exports), by their Prometheus names.</summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, string> published = new(StringComparer.Ordinal);
    private readonly HashSet<string> measured = new(StringComparer.Ordinal);

    public InstrumentRecorder(IReadOnlyCollection<string> meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!meters.Contains(instrument.Meter.Name))
            {
                return;
            }

            lock (published)
            {
                foreach (var name in PrometheusNames(instrument))
                {
                    published[name] = instrument.Name;
                }
            }

            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => Measured(instrument));
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => Measured(instrument));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Measured(instrument));
        listener.Start();
    }

    public Dictionary<string, string> Published()
    {
        lock (published)
        {
            return new Dictionary<string, string>(published, StringComparer.Ordinal);
        }
    }

    public HashSet<string> Measured()
    {
        listener.RecordObservableInstruments();
        lock (measured)
        {
            return [.. measured];
        }
    }

    public void Dispose() => listener.Dispose();

    private void Measured(Instrument instrument)
    {
        lock (measured)
        {
            measured.UnionWith(PrometheusNames(instrument));
        }
    }

    private static string[] PrometheusNames(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = instrument.Unit switch
        {
            "ms" => "milliseconds",
            "s" => "seconds",
            "By" => "bytes",
            null or "" => null,
            var braces when braces.StartsWith('{') => null,
            var other => other,
        };
        if (unit is not null && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        var type = instrument.GetType().GetGenericTypeDefinition();
        return type == typeof(Histogram<>) ? [name + "_bucket", name + "_count", name + "_sum"]
            : type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? [name + "_total"]
            : [name];
    }
}
