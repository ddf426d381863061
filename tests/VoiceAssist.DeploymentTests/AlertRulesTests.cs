using YamlDotNet.RepresentationModel;

namespace VoiceAssist.DeploymentTests;

public sealed class AlertRulesTests
{
    private const string Rules = "deploy/prometheus/rules/voiceassist.rules.yml";
    private const string RuleTests = "deploy/prometheus/tests/voiceassist.test.yml";
    private const string Alertmanager = "deploy/alertmanager/alertmanager.yml";

    public static IReadOnlyList<YamlMappingNode> AlertRules() =>
        Yaml.LoadFile(Rules).Seq("groups").Children
            .SelectMany(group => group.Seq("rules").Children.Cast<YamlMappingNode>())
            .ToList();

    [Fact]
    public async Task Promtool_accepts_the_rules()
    {
        var (exitCode, output) = await Tools.Run("promtool", "prometheus", "check", "rules", Rules);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"SUCCESS: {AlertRules().Count} rules found");
    }

    [Fact]
    public async Task Promtool_unit_tests_of_the_rules_pass()
    {
        var (exitCode, output) = await Tools.Run("promtool", "prometheus", "test", "rules", RuleTests);

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public void Every_alert_has_a_unit_test_in_which_it_fires()
    {
        var firing = Yaml.LoadFile(RuleTests).Seq("tests").Children
            .SelectMany(test => test.Seq("alert_rule_test").Children)
            .Where(check => check.Get("exp_alerts") is YamlSequenceNode { Children.Count: > 0 })
            .Select(check => check.Str("alertname"))
            .ToHashSet(StringComparer.Ordinal);

        AlertRules().Select(rule => rule.Str("alert")).Should().OnlyContain(alert => firing.Contains(alert!));
    }

    [Fact]
    public void Every_alert_covers_what_operators_asked_for_and_carries_a_severity_and_a_runbook()
    {
        var alerts = AlertRules().Select(rule => rule.Str("alert")).ToList();
        alerts.Should().Contain(
        [
            "VoiceAssistInstanceDown", "VoiceAssistHighErrorRatio", "VoiceAssistHighLatency", "VoiceAssistVoiceFirstAudioSlow",
            "VoiceAssistOutboxBacklogOld", "VoiceAssistOutboxDeadLetters", "VoiceAssistAuditChainBroken", "VoiceAssistBackupTooOld",
            "VoiceAssistCertificateExpiresSoon", "VoiceAssistDiskAlmostFull",
        ]);
        alerts.Should().OnlyHaveUniqueItems();

        // GitHub's anchor of a heading is its text in lower case.
        var headings = Repository.Read("docs/operations.md").Split('\n')
            .Where(line => line.StartsWith("#### ", StringComparison.Ordinal))
            .Select(line => line[5..].Trim().ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var rule in AlertRules())
        {
            rule.Str("labels", "severity").Should().BeOneOf("critical", "warning");
            var runbook = rule.Str("annotations", "runbook");
            runbook.Should().StartWith("docs/operations.md#");
            headings.Should().Contain(runbook!["docs/operations.md#".Length..], "each runbook anchor is a heading in docs/operations.md");
        }
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration()
    {
        var (exitCode, output) = await Tools.Run("amtool", "prometheus-alertmanager", "check-config", Alertmanager);

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Theory]
    [InlineData("critical", "on-call")]
    [InlineData("warning", "team")]
    public async Task Alerts_are_routed_by_severity(string severity, string receiver)
    {
        var (exitCode, output) = await Tools.Run("amtool", "prometheus-alertmanager",
            "config", "routes", "test", "--config.file=" + Alertmanager, "alertname=VoiceAssistHighLatency", "severity=" + severity);

        exitCode.Should().Be(0, output);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Contain(receiver);
    }

    [Fact]
    public void Prometheus_loads_the_rules_and_sends_alerts_to_alertmanager()
    {
        var prometheus = Yaml.LoadFile("deploy/prometheus/prometheus.yml");

        prometheus.Get("rule_files").Strings().Should().Contain("/etc/prometheus/rules/*.yml");
        prometheus.Seq("alerting", "alertmanagers").Children.Should().NotBeEmpty();
    }
}
