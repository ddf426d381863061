using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VoiceAssist.DeploymentTests;

/// <summary>What an operator needs from the chart beyond the basics: trusted proxies, extra volumes, ingress settings
/// for uploads and voice sockets, restricted pod security everywhere, graceful drain, pinned images, the backup
/// CronJob, and the alert rules and dashboards shipped the same as in deploy/.</summary>
public sealed partial class HelmOperationsTests
{
    private static readonly HelmChart Chart = HelmChart.VoiceAssist;

    private static YamlMappingNode HostContainer() =>
        (YamlMappingNode)Chart.Single("Deployment", "deployment.yaml").Seq("spec", "template", "spec", "containers").Children.Single(c => c.Str("name") == "voiceassist");

    [Fact]
    public void Trusted_proxy_networks_are_a_value_rendered_into_the_host_configuration()
    {
        Chart.ValueAt("forwardedHeaders.knownNetworks").Should().BeOfType<YamlSequenceNode>();
        Chart.ValueAt("forwardedHeaders.knownProxies").Should().BeOfType<YamlSequenceNode>();
        var configMap = Chart.TemplateText("configmap.yaml");
        configMap.Should().Contain("{{- with .Values.forwardedHeaders.knownNetworks }}")
            .And.Contain("ForwardedHeaders__KnownNetworks: {{ join \",\" . | quote }}")
            .And.Contain("ForwardedHeaders__KnownProxies: {{ join \",\" . | quote }}");
        ConfigurationKeys.IsKnown("ForwardedHeaders:KnownNetworks").Should().BeTrue("the host reads the key the chart sets");
        ConfigurationKeys.IsKnown("ForwardedHeaders:KnownProxies").Should().BeTrue();
    }

    [Fact]
    public void Extra_volumes_and_their_mounts_reach_the_host_pod()
    {
        Chart.ValueAt("extraVolumes").Should().BeOfType<YamlSequenceNode>();
        Chart.ValueAt("extraVolumeMounts").Should().BeOfType<YamlSequenceNode>();
        var deployment = Chart.TemplateText("deployment.yaml");
        deployment.Should().MatchRegex(@"\{\{- with \.Values\.extraVolumes \}\}\s*\n\s*\{\{- toYaml \. \| nindent 8 \}\}");
        deployment.Should().MatchRegex(@"\{\{- with \.Values\.extraVolumeMounts \}\}\s*\n\s*\{\{- toYaml \. \| nindent 12 \}\}");
        var documented = Repository.Read("helm/voiceassist/values.yaml");
        documented.Should().Contain("Knowledge__Ingestion__ImportFolder").And.Contain("Kestrel__Endpoints__Https__Certificate__Path").And.Contain("Root Certificate=");
        Repository.Read("docs/configuration.md").Should().Contain("`ImportFolder` (unset; a folder watched for files to ingest", "the import folder key the example sets");
    }

    [Fact]
    public void The_ingress_allows_50_MiB_uploads_and_hour_long_voice_sockets()
    {
        var annotations = (YamlMappingNode)Chart.ValueAt("ingress.annotations")!;
        annotations.Str("nginx.ingress.kubernetes.io/proxy-body-size").Should().Be("50m", "Knowledge:Ingestion:MaxUploadBytes is 50 MiB");
        int.Parse(annotations.Str("nginx.ingress.kubernetes.io/proxy-read-timeout")!).Should().BeGreaterThanOrEqualTo(3600);
        int.Parse(annotations.Str("nginx.ingress.kubernetes.io/proxy-send-timeout")!).Should().BeGreaterThanOrEqualTo(3600);
        annotations.Str("nginx.ingress.kubernetes.io/proxy-request-buffering").Should().Be("off");
        Repository.Read("docs/configuration.md").Should().Contain("`MaxUploadBytes` (`52428800`, 50 MiB");
    }

    public static TheoryData<string, string> Workloads() => new()
    {
        { "deployment.yaml", "Deployment" },
        { "migration-job.yaml", "Job" },
        { "backup-cronjob.yaml", "CronJob" },
        { "postgresql.yaml", "StatefulSet" },
        { "redis.yaml", "StatefulSet" },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_pod_meets_the_restricted_pod_security_standard(string template, string kind)
    {
        var workload = Chart.Single(kind, template);
        var pod = kind == "CronJob" ? workload.Map("spec", "jobTemplate", "spec", "template", "spec") : workload.Map("spec", "template", "spec");

        pod.Str("securityContext", "runAsNonRoot").Should().Be("true", template);
        pod.Str("securityContext", "runAsUser").Should().NotBe("0", template);
        pod.Str("securityContext", "seccompProfile", "type").Should().Be("RuntimeDefault", template);
        pod.Str("automountServiceAccountToken").Should().Be("false", template);
        pod.Get("hostNetwork").Should().BeNull(template);
        pod.Get("hostPID").Should().BeNull(template);
        foreach (var container in pod.Seq("containers").Children)
        {
            var name = $"{template}/{container.Str("name")}";
            container.Str("securityContext", "allowPrivilegeEscalation").Should().Be("false", name);
            container.Str("securityContext", "privileged").Should().NotBe("true", name);
            container.Get("securityContext", "capabilities", "drop").Strings().Should().Contain("ALL", name);
            container.Str("securityContext", "readOnlyRootFilesystem").Should().Be("true", name);
        }

        (pod.Get("volumes") as YamlSequenceNode)?.Children.Should().NotContain(v => v.Get("hostPath") != null, template);
    }

    [Fact]
    public void Shutdown_drains_within_the_grace_period()
    {
        var preStop = int.Parse(Chart.Values.Str("preStopSleepSeconds")!);
        var shutdown = int.Parse(Chart.Values.Str("shutdownTimeoutSeconds")!);
        var grace = int.Parse(Chart.Values.Str("terminationGracePeriodSeconds")!);

        preStop.Should().BeGreaterThan(0, "the ingress needs a moment to stop sending new requests");
        grace.Should().BeGreaterThanOrEqualTo(preStop + shutdown + 5);
        Chart.TemplateText("configmap.yaml").Should().Contain("shutdownTimeoutSeconds: {{ .Values.shutdownTimeoutSeconds | quote }}");
        ConfigurationKeys.IsKnown("shutdownTimeoutSeconds").Should().BeTrue();
        Chart.TemplateText("deployment.yaml").Should().StartWith("{{- include \"voiceassist.checkDrain\" . }}");
        Chart.HelpersText.Should().Contain("define \"voiceassist.checkDrain\"").And.Contain("fail (printf \"terminationGracePeriodSeconds");
        var host = HostContainer();
        host.Get("lifecycle", "preStop", "exec", "command").Strings().Should().StartWith("sleep");
    }

    [Fact]
    public void Every_image_is_pinned_and_latest_is_refused()
    {
        var tags = new List<(string Path, string? Tag)>();
        Collect(Chart.Values, "", tags);
        tags.Should().NotBeEmpty();
        foreach (var (path, tag) in tags.Where(t => t.Path != "image"))
        {
            PinnedTag().IsMatch(tag ?? string.Empty).Should().BeTrue($"{path}.tag ({tag}) must be a version");
        }

        Chart.Values.Str("image", "tag").Should().BeEmpty("the host image follows the chart's appVersion unless set");
        PinnedTag().IsMatch(Chart.Chart.Str("appVersion")!).Should().BeTrue();
        Chart.HelpersText.Should().Contain("fail \"image.tag must name a release").And.Contain(".Values.image.digest");
    }

    [Fact]
    public void The_backup_cron_job_runs_backup_sh_from_the_chart_with_the_passphrase_as_a_file()
    {
        var cronJob = Chart.Single("CronJob", "backup-cronjob.yaml");
        cronJob.Str("spec", "concurrencyPolicy").Should().Be("Forbid");
        var pod = cronJob.Map("spec", "jobTemplate", "spec", "template", "spec");
        var backup = (YamlMappingNode)pod.Seq("containers").Children.Single();
        backup.Get("command").Strings().Should().Equal("bash", "/opt/voiceassist/scripts/backup.sh");
        backup.Get("args").Strings().Should().Contain(["--passphrase-file", "/run/secrets/voiceassist-backup/passphrase", "--keep"]);
        backup.Seq("env").Children.Should().Contain(e => e.Str("name") == "BACKUP_DBNAME" && e.Get("valueFrom", "secretKeyRef") != null);
        pod.Seq("volumes").Children.Should().Contain(v => v.Get("secret") != null && v.Str("name") == "passphrase");

        var configMap = Chart.Render("backup-cronjob.yaml").Single(d => d.Str("kind") == "ConfigMap");
        configMap.Map("data").Keys().Should().BeEquivalentTo("backup.sh", "lib.sh");
        Chart.TemplateText("backup-cronjob.yaml").Should().Contain(".Files.Get \"files/scripts/backup.sh\"");
        Repository.Read("helm/voiceassist/files/scripts/backup.sh").Should().Be(Repository.Read("scripts/backup.sh"), "the chart ships the tested script");
        Repository.Read("helm/voiceassist/files/scripts/lib.sh").Should().Be(Repository.Read("scripts/lib.sh"));
        Chart.Values.Str("backup", "enabled").Should().Be("false", "it needs a backup role and passphrase in the Secret first");
    }

    [Fact]
    public void The_chart_ships_the_same_alert_rules_and_dashboards_as_deploy()
    {
        Repository.Read("helm/voiceassist/files/prometheus/voiceassist.rules.yml").Should().Be(Repository.Read("deploy/prometheus/rules/voiceassist.rules.yml"));
        var shipped = Directory.GetFiles(Repository.PathOf("helm/voiceassist/files/dashboards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var source = Directory.GetFiles(Repository.PathOf("deploy/grafana/dashboards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        shipped.Should().Equal(source);
        foreach (var name in source)
        {
            Repository.Read($"helm/voiceassist/files/dashboards/{name}").Should().Be(Repository.Read($"deploy/grafana/dashboards/{name}"), name);
        }

        Chart.TemplateText("prometheusrule.yaml").Should().Contain(".Files.Get \"files/prometheus/voiceassist.rules.yml\" | nindent 2");
        Chart.TemplateText("grafana-dashboards.yaml").Should().Contain(".Files.Glob \"files/dashboards/*.json\"");
        Chart.Single("PrometheusRule", "prometheusrule.yaml").Str("apiVersion").Should().Be("monitoring.coreos.com/v1");
    }

    private static void Collect(YamlNode node, string path, List<(string Path, string? Tag)> tags)
    {
        if (node is not YamlMappingNode mapping)
        {
            return;
        }

        if (mapping.Get("repository") is YamlScalarNode && path.Length > 0)
        {
            tags.Add((path, mapping.Str("tag")));
        }

        foreach (var (key, child) in mapping.Children)
        {
            Collect(child, path.Length == 0 ? ((YamlScalarNode)key).Value! : $"{path}.{((YamlScalarNode)key).Value}", tags);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?(-[\w.]+)?$")]
    private static partial Regex PinnedTag();
}
