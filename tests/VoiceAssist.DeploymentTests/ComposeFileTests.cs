using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VoiceAssist.DeploymentTests;

public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Yaml.LoadFile("compose.yaml");
    private static readonly YamlMappingNode Services = Compose.Map("services");

    private static YamlMappingNode Service(string name) => Services.Map(name);

    private static IEnumerable<(string Name, YamlMappingNode Service)> AllServices() =>
        Services.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value));

    private static Dictionary<string, string> Environment(string service) =>
        Service(service).Map("environment").Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? string.Empty, StringComparer.Ordinal);

    [Fact]
    public void Declares_the_host_its_servers_and_the_observability_stack()
    {
        Services.Keys().Should().Contain(
            ["postgres", "redis", "otel-collector", "jaeger", "prometheus", "grafana", "migrate", "voiceassist", "keycloak", "nextcloud"]);
    }

    [Fact]
    public void Every_pulled_image_is_pinned_to_a_version_tag()
    {
        foreach (var (name, service) in AllServices().Where(s => s.Service.Get("build") is null))
        {
            var image = service.Str("image") ?? string.Empty;
            image.Should().NotBeEmpty($"{name} has no build, so it needs an image");
            image.Should().Contain(":", $"{name} must name a tag");
            var tag = image[(image.LastIndexOf(':') + 1)..];
            VersionTag().IsMatch(tag).Should().BeTrue($"{name}'s image {image} must be pinned to a version tag");
        }
    }

    [Fact]
    public void Postgresql_is_the_pgvector_image()
    {
        Service("postgres").Str("image").Should().StartWith("pgvector/pgvector:").And.Contain("pg17");
    }

    [Fact]
    public void The_host_and_its_migration_run_are_built_from_the_repository_dockerfile()
    {
        foreach (var name in new[] { "voiceassist", "migrate" })
        {
            var build = Service(name).Map("build");
            var dockerfile = Path.Combine(build.Str("context")!, build.Str("dockerfile")!);
            File.Exists(Repository.PathOf(dockerfile)).Should().BeTrue($"{name} builds from {dockerfile}");
            Service(name).Str("image").Should().Be(Service("voiceassist").Str("image"), "both run the same image");
        }
    }

    [Fact]
    public void The_migration_runs_with_the_migrate_argument_before_the_host_starts()
    {
        Service("migrate").Get("command").Strings().Should().Equal("--migrate");
        Service("migrate").Str("depends_on", "postgres", "condition").Should().Be("service_healthy");

        var host = Service("voiceassist");
        host.Str("depends_on", "migrate", "condition").Should().Be("service_completed_successfully");
        host.Str("depends_on", "postgres", "condition").Should().Be("service_healthy");
        host.Str("depends_on", "redis", "condition").Should().Be("service_healthy");
        Environment("voiceassist").Should().Equal(Environment("migrate"));
        Environment("voiceassist")["Database__MigrateOnStartup"].Should().Be("false", "the migrate service already did it");
    }

    [Fact]
    public void Every_dependency_exists_and_one_waited_on_as_healthy_has_a_healthcheck()
    {
        foreach (var (name, service) in AllServices())
        {
            if (service.Get("depends_on") is not YamlMappingNode dependencies)
            {
                continue;
            }

            foreach (var (dependency, condition) in dependencies.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, pair.Value.Str("condition"))))
            {
                Services.Keys().Should().Contain(dependency, $"{name} depends on it");
                condition.Should().BeOneOf("service_started", "service_healthy", "service_completed_successfully");
                if (condition == "service_healthy")
                {
                    Service(dependency).Get("healthcheck", "test").Should().NotBeNull($"{name} waits for {dependency} to be healthy");
                }
            }
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("voiceassist")]
    public void Core_services_have_healthchecks(string name)
    {
        Service(name).Get("healthcheck", "test").Strings().Should().NotBeEmpty();
    }

    [Fact]
    public void The_host_healthcheck_asks_the_liveness_endpoint()
    {
        string.Join(' ', Service("voiceassist").Get("healthcheck", "test").Strings()).Should().Contain("http://127.0.0.1:8080/health/live");
    }

    [Fact]
    public void The_host_environment_holds_only_configuration_keys_the_code_reads()
    {
        var keys = Environment("voiceassist").Keys.Select(ConfigurationKeys.FromEnvironmentName).ToList();

        keys.Should().OnlyContain(key => ConfigurationKeys.IsKnown(key), "a misspelt key is silently ignored by the host");
        keys.Should().Contain(["ConnectionStrings:VoiceAssist", "ConnectionStrings:Redis", "OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void The_host_points_at_the_compose_servers()
    {
        var environment = Environment("voiceassist");
        environment["ConnectionStrings__VoiceAssist"].Should().Contain("Host=postgres;").And.Contain("Database=voiceassist");
        environment["ConnectionStrings__Redis"].Should().StartWith("redis:6379,password=");
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"].Should().Be("http://otel-collector:4317");
    }

    [Fact]
    public void Secrets_come_from_the_environment_and_are_never_written_in_the_file()
    {
        foreach (var (name, service) in AllServices().Where(s => s.Service.Get("environment") is not null))
        {
            foreach (var (key, value) in Environment(name))
            {
                var secret = SecretName().IsMatch(key) || value.Contains("password=", StringComparison.OrdinalIgnoreCase);
                if (secret)
                {
                    value.Should().Contain("${", $"{name}'s {key} must come from .env or the environment");
                }
            }
        }
    }

    [Fact]
    public void Env_example_lists_every_variable_the_file_uses_and_holds_no_secret_value()
    {
        var text = Repository.Read("compose.yaml");
        var example = Repository.Read(".env.example");
        var declared = ExampleVariable().Matches(example).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        foreach (var variable in Interpolation().Matches(text).Select(m => m.Groups["name"].Value).Distinct())
        {
            declared.Should().Contain(variable, $".env.example documents {variable}");
        }

        foreach (Match assignment in ExampleAssignment().Matches(example))
        {
            if (SecretName().IsMatch(assignment.Groups["name"].Value))
            {
                assignment.Groups["value"].Value.Trim().Should().BeEmpty("an example must not carry a secret");
            }
        }
    }

    [Fact]
    public void Published_ports_listen_on_loopback_only()
    {
        foreach (var (name, service) in AllServices().Where(s => s.Service.Get("ports") is not null))
        {
            service.Get("ports").Strings().Should().OnlyContain(port => port.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"{name} must not be exposed on every interface");
        }
    }

    [Fact]
    public void The_host_container_runs_read_only_without_capabilities()
    {
        foreach (var name in new[] { "voiceassist", "migrate" })
        {
            Service(name).Str("read_only").Should().Be("true");
            Service(name).Get("cap_drop").Strings().Should().Contain("ALL");
            Service(name).Get("tmpfs").Strings().Should().Contain("/tmp");
        }
    }

    [Theory]
    [InlineData("keycloak")]
    [InlineData("nextcloud")]
    public void Development_peers_start_only_with_the_dev_profile(string name)
    {
        Service(name).Get("profiles").Strings().Should().Contain("dev");
    }

    [Fact]
    public void Every_file_mounted_from_the_repository_exists()
    {
        foreach (var (name, service) in AllServices().Where(s => s.Service.Get("volumes") is not null))
        {
            foreach (var source in service.Get("volumes").Strings().Select(v => v.Split(':')[0]).Where(s => s.StartsWith("./", StringComparison.Ordinal)))
            {
                var path = Repository.PathOf(source[2..]);
                (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"{name} mounts {source}");
            }
        }
    }

    [Fact]
    public void The_collector_pipelines_use_defined_components_and_send_traces_to_jaeger()
    {
        var collector = Yaml.LoadFile("deploy/otel-collector/config.yaml");
        var pipelines = collector.Map("service", "pipelines");
        pipelines.Keys().Should().Contain(["traces", "metrics", "logs"]);
        foreach (var pipeline in pipelines.Children.Values)
        {
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                pipeline.Get(section).Strings().Should().OnlyContain(component => collector.Map(section).Keys().Contains(component));
            }
        }

        var jaegerExporter = pipelines.Get("traces", "exporters").Strings().Single();
        collector.Str("exporters", jaegerExporter, "endpoint").Should().Be("jaeger:4317");
        collector.Str("receivers", "otlp", "protocols", "grpc", "endpoint").Should().EndWith(":4317");
    }

    [Fact]
    public void Prometheus_scrapes_the_collector_and_grafana_reads_prometheus_and_jaeger()
    {
        var collector = Yaml.LoadFile("deploy/otel-collector/config.yaml");
        var metricsPort = collector.Str("exporters", "prometheus", "endpoint")!.Split(':')[1];
        var prometheus = Yaml.LoadFile("deploy/prometheus/prometheus.yml");
        var targets = prometheus.Seq("scrape_configs").Children
            .SelectMany(job => job.Seq("static_configs").Children.SelectMany(c => c.Get("targets").Strings()))
            .ToList();
        targets.Should().Contain($"otel-collector:{metricsPort}");

        var datasources = Yaml.LoadFile("deploy/grafana/provisioning/datasources/datasources.yaml").Seq("datasources").Children;
        datasources.Select(d => d.Str("url")).Should().Contain(["http://prometheus:9090", "http://jaeger:16686"]);
        datasources.Should().ContainSingle(d => d.Str("isDefault") == "true");
    }

    [GeneratedRegex(@"^v?\d+\.\d+(\.\d+)?([.-][\w.-]+)?$")]
    private static partial Regex VersionTag();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|AUTH", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^#?\s*(?<name>[A-Z_][A-Z0-9_]*)=", RegexOptions.Multiline)]
    private static partial Regex ExampleVariable();

    [GeneratedRegex(@"^(?<name>[A-Z_][A-Z0-9_]*)=(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex ExampleAssignment();
}
