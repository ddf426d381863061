using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VoiceAssist.DeploymentTests;

public sealed partial class HelmChartTests
{
    private static readonly HelmChart Chart = HelmChart.VoiceAssist;

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var name in Chart.TemplateNames)
        {
            data.Add(name);
        }

        return data;
    }

    private static YamlMappingNode Deployment() => Chart.Single("Deployment", "deployment.yaml");

    private static YamlMappingNode Container(YamlMappingNode workload, string name) =>
        (YamlMappingNode)workload.Seq("spec", "template", "spec", "containers").Children.Single(c => c.Str("name") == name);

    private static List<YamlNode> Env(YamlMappingNode container) => container.Seq("env").Children.ToList();

    [Fact]
    public void Chart_yaml_describes_an_application_chart()
    {
        Chart.Chart.Str("apiVersion").Should().Be("v2");
        Chart.Chart.Str("name").Should().Be("voiceassist");
        Chart.Chart.Str("type").Should().Be("application");
        SemVer().IsMatch(Chart.Chart.Str("version")!).Should().BeTrue();
        Chart.Chart.Str("appVersion").Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Values_default_to_external_servers_an_existing_secret_and_several_replicas()
    {
        Chart.Values.Str("existingSecret").Should().BeEmpty("the operator names the Secret; the chart stores none");
        Chart.Values.Str("postgresql", "enabled").Should().Be("false");
        Chart.Values.Str("redis", "enabled").Should().Be("false");
        int.Parse(Chart.Values.Str("replicaCount")!).Should().BeGreaterThanOrEqualTo(2);
        int.Parse(Chart.Values.Str("autoscaling", "minReplicas")!).Should().BeGreaterThanOrEqualTo(2);
        Chart.Values.Str("migrations", "enabled").Should().Be("true");
        Chart.Values.Str("serviceMonitor", "enabled").Should().Be("false");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_template_is_yaml_of_kubernetes_objects(string template)
    {
        var documents = Chart.Render(template);

        documents.Should().NotBeEmpty();
        foreach (var document in documents)
        {
            document.Str("apiVersion").Should().NotBeNullOrEmpty(template);
            document.Str("kind").Should().NotBeNullOrEmpty(template);
            document.Str("metadata", "name").Should().NotBeNullOrEmpty(template);
        }
    }

    [Fact]
    public void The_chart_has_every_object_a_production_release_needs()
    {
        var kinds = Chart.RenderAll().Select(d => $"{d.Str("apiVersion")}/{d.Str("kind")}").ToList();

        kinds.Should().Contain(
        [
            "apps/v1/Deployment", "v1/Service", "v1/ConfigMap", "v1/ServiceAccount", "batch/v1/Job",
            "autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/NetworkPolicy",
            "networking.k8s.io/v1/Ingress", "monitoring.coreos.com/v1/ServiceMonitor", "apps/v1/StatefulSet",
        ]);
    }

    [Fact]
    public void Every_values_path_the_templates_read_exists_in_values_yaml()
    {
        Chart.ValuesReferences().Where(path => Chart.ValueAt(path) is null).Should().BeEmpty();
    }

    [Fact]
    public void Every_included_helper_is_defined()
    {
        Chart.IncludedHelpers().Should().BeSubsetOf(Chart.HelperNames);
        Chart.HelperNames.Should().Contain(
            ["voiceassist.name", "voiceassist.fullname", "voiceassist.labels", "voiceassist.selectorLabels", "voiceassist.serviceAccountName"]);
    }

    [Fact]
    public void The_deployment_probes_the_health_endpoints()
    {
        var host = Container(Deployment(), "voiceassist");

        host.Str("startupProbe", "httpGet", "path").Should().Be("/health/live");
        host.Str("livenessProbe", "httpGet", "path").Should().Be("/health/live");
        host.Str("readinessProbe", "httpGet", "path").Should().Be("/health/ready");
        host.Str("readinessProbe", "httpGet", "port").Should().Be("http");
    }

    [Fact]
    public void The_pod_runs_as_non_root_on_a_read_only_root_without_capabilities()
    {
        var pod = Deployment().Map("spec", "template", "spec");
        pod.Str("securityContext", "runAsNonRoot").Should().Be("true");
        pod.Str("securityContext", "runAsUser").Should().NotBe("0");
        pod.Str("automountServiceAccountToken").Should().Be("false");

        var host = Container(Deployment(), "voiceassist");
        host.Str("securityContext", "readOnlyRootFilesystem").Should().Be("true");
        host.Str("securityContext", "allowPrivilegeEscalation").Should().Be("false");
        host.Get("securityContext", "capabilities", "drop").Strings().Should().Contain("ALL");

        host.Seq("volumeMounts").Children.Should().Contain(m => m.Str("mountPath") == "/tmp", "the tools need somewhere to write");
    }

    [Fact]
    public void The_connection_strings_come_from_the_existing_secret_and_the_rest_from_the_config_map()
    {
        var host = Container(Deployment(), "voiceassist");

        foreach (var name in new[] { "ConnectionStrings__VoiceAssist", "ConnectionStrings__Redis" })
        {
            Env(host).Should().Contain(e => e.Str("name") == name && e.Get("valueFrom", "secretKeyRef", "name") != null, name);
        }

        host.Seq("envFrom").Children.Should().ContainSingle(e => e.Get("configMapRef") != null);
        Chart.HelpersText.Should().Contain("required \"existingSecret is required");
    }

    [Fact]
    public void The_migration_job_is_a_pre_install_and_pre_upgrade_hook_running_migrate()
    {
        var job = Chart.Single("Job", "migration-job.yaml");

        job.Str("metadata", "annotations", "helm.sh/hook")!.Split(',').Should().BeEquivalentTo(["pre-install", "pre-upgrade"]);
        job.Str("metadata", "annotations", "helm.sh/hook-delete-policy").Should().Contain("before-hook-creation");
        var migrate = Container(job, "migrate");
        migrate.Get("args").Strings().Should().Equal("--migrate");
        job.Str("spec", "template", "spec", "restartPolicy").Should().Be("Never");
        migrate.Str("securityContext", "readOnlyRootFilesystem").Should().Be("true");
        Env(migrate).Should().Contain(e => e.Str("name") == "ConnectionStrings__VoiceAssist" && e.Get("valueFrom", "secretKeyRef") != null);
        migrate.Get("envFrom").Should().BeNull("the release's ConfigMap does not exist yet when a pre-install hook runs");
    }

    [Fact]
    public void The_config_map_sets_only_configuration_keys_the_code_reads()
    {
        var data = Chart.Single("ConfigMap", "configmap.yaml").Map("data").Keys().Where(k => k != HelmChart.Placeholder).ToList();
        data.Should().Contain(["ASPNETCORE_ENVIRONMENT", "Database__MigrateOnStartup", "OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var configured = ((YamlMappingNode)Chart.ValueAt("config")!).Keys();
        data.Concat(configured).Select(ConfigurationKeys.FromEnvironmentName)
            .Should().OnlyContain(key => ConfigurationKeys.IsKnown(key));
    }

    [Fact]
    public void Autoscaler_budget_and_service_target_the_host_pods()
    {
        var hpa = Chart.Single("HorizontalPodAutoscaler", "hpa.yaml");
        hpa.Str("spec", "scaleTargetRef", "kind").Should().Be("Deployment");
        hpa.Seq("spec", "metrics").Children.Should().Contain(m => m.Str("resource", "name") == "cpu");

        Chart.Single("PodDisruptionBudget", "pdb.yaml").Str("spec", "selector", "matchLabels", "app.kubernetes.io/component").Should().Be("server");
        Chart.Single("Service", "service.yaml").Str("spec", "selector", "app.kubernetes.io/component").Should().Be("server");
        Deployment().Str("spec", "selector", "matchLabels", "app.kubernetes.io/component").Should().Be("server");
        Deployment().Str("spec", "template", "metadata", "labels", "app.kubernetes.io/component").Should().Be("server");
        Deployment().Str("spec", "selector", "matchLabels", "app.kubernetes.io/instance").Should().Be(HelmChart.Placeholder);
    }

    [Fact]
    public void The_network_policy_limits_both_directions_and_allows_dns()
    {
        var policy = Chart.Single("NetworkPolicy", "networkpolicy.yaml");

        policy.Get("spec", "policyTypes").Strings().Should().BeEquivalentTo(["Ingress", "Egress"]);
        policy.Seq("spec", "egress").Children.Should().Contain(rule =>
            rule.Seq("ports").Children.Any(p => p.Str("port") == "53" && p.Str("protocol") == "UDP"));
    }

    [Fact]
    public void The_ingress_serves_tls_to_the_http_port()
    {
        var ingress = Chart.Single("Ingress", "ingress.yaml");

        ingress.Get("spec", "tls").Should().BeOfType<YamlSequenceNode>();
        ingress.Get("spec", "rules").Should().BeOfType<YamlSequenceNode>();
        Chart.TemplateText("ingress.yaml").Should().Contain("name: http");
        ((YamlSequenceNode)Chart.ValueAt("ingress.tls")!).Children.Should().NotBeEmpty();
    }

    [Fact]
    public void The_service_monitor_scrapes_the_sidecar_metrics_port()
    {
        var monitor = Chart.Single("ServiceMonitor", "servicemonitor.yaml");

        monitor.Seq("spec", "endpoints").Children.Should().ContainSingle(e => e.Str("port") == "metrics");
        Chart.TemplateText("servicemonitor.yaml").Should().Contain("fail", "a monitor without the sidecar would scrape nothing");
        Chart.Single("Service", "service.yaml").Seq("spec", "ports").Children.Should().Contain(p => p.Str("name") == "metrics");
    }

    [Fact]
    public void The_bundled_servers_are_off_by_default_and_use_pinned_images()
    {
        foreach (var server in new[] { "postgresql", "redis" })
        {
            Chart.TemplateText($"{server}.yaml").Should().StartWith($"{{{{- if .Values.{server}.enabled }}}}");
            Chart.Values.Str(server, "image", "tag").Should().MatchRegex(@"^\d+\.\d+");
        }

        Chart.Values.Str("postgresql", "image", "repository").Should().Be("pgvector/pgvector");
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[\w.]+)?$")]
    private static partial Regex SemVer();
}
