using System.Text;
using System.Text.Json;

namespace VoiceAssist.DeploymentTests;

public sealed class GrafanaDashboardsTests
{
    private const string Folder = "deploy/grafana/dashboards";

    public static IReadOnlyList<(string File, JsonElement Dashboard)> Dashboards() =>
        Directory.GetFiles(Repository.PathOf(Folder), "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone()))
            .ToList();

    public static IEnumerable<(string File, string Title, string Expr)> Queries() =>
        Dashboards().SelectMany(d => d.Dashboard.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (d.File, panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!))));

    [Fact]
    public void Each_dashboard_has_a_unique_uid_a_title_and_panels_on_the_chosen_data_source()
    {
        Dashboards().Should().HaveCountGreaterThanOrEqualTo(3);
        Dashboards().Select(d => d.Dashboard.GetProperty("uid").GetString()).Should().OnlyHaveUniqueItems();
        foreach (var (file, dashboard) in Dashboards())
        {
            dashboard.GetProperty("title").GetString().Should().StartWith("VoiceAssist", file);
            var templating = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
            templating.Should().Contain(v => v.GetProperty("type").GetString() == "datasource", file);
            foreach (var panel in dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row"))
            {
                panel.GetProperty("datasource").GetProperty("uid").GetString().Should().Be("${datasource}", $"{file}: {panel.GetProperty("title")}");
                panel.GetProperty("targets").EnumerateArray().Should().NotBeEmpty();
            }
        }
    }

    [Fact]
    public void The_dashboards_show_what_operators_asked_for()
    {
        var all = string.Join('\n', Queries().Select(q => q.Expr));
        foreach (var series in new[]
                 {
                     "voiceassist_health_status", "up{", "http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count",
                     "voiceassist_voice_turn_transcript_milliseconds_bucket", "voiceassist_voice_turn_reply_milliseconds_bucket",
                     "voiceassist_voice_turn_first_audio_milliseconds_bucket", "voiceassist_voice_sessions_active",
                     "voiceassist_outbox_pending", "voiceassist_outbox_dead_letters", "voiceassist_knowledge_ingestion_queued",
                     "voiceassist_knowledge_embedding_pending", "http_route=\"/api/knowledge/search\"", "db_client_connection",
                     "dotnet_process_cpu_time_seconds_total", "dotnet_process_memory_working_set_bytes",
                 })
        {
            all.Should().Contain(series);
        }
    }

    [Fact]
    public async Task Every_dashboard_query_is_valid_promql()
    {
        // promtool parses PromQL when it checks rules: each query becomes a recording rule, Grafana's variables filled in.
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        var index = 0;
        foreach (var (file, title, expr) in Queries())
        {
            var promql = expr.Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);
            rules.Append("      # ").Append(file).Append(": ").Append(title).Append('\n');
            rules.Append("      - record: dashboard:query_").Append(index++).Append('\n');
            rules.Append("        expr: ").Append(JsonSerializer.Serialize(promql)).Append('\n');
        }

        var path = Path.Combine(Path.GetTempPath(), $"va-dashboards-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, rules.ToString());
        try
        {
            var (exitCode, output) = await Tools.Run("promtool", "prometheus", "check", "rules", path);
            exitCode.Should().Be(0, output);
            output.Should().Contain($"SUCCESS: {index} rules found");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Compose_provisions_the_dashboards_where_the_provider_reads_them()
    {
        var provider = Yaml.LoadFile("deploy/grafana/provisioning/dashboards/dashboards.yaml").Seq("providers").Children.Single();
        var path = provider.Str("options", "path");

        Yaml.LoadFile("compose.yaml").Map("services").Map("grafana").Get("volumes").Strings()
            .Should().Contain($"./{Folder}:{path}:ro");
    }
}
