using System.Diagnostics;

namespace VoiceAssist.DeploymentTests;

public sealed class YamllintTests
{
    [Fact]
    public async Task Compose_chart_values_and_deploy_configs_pass_yamllint()
    {
        var yamllint = FindOnPath("yamllint");
        yamllint.Should().NotBeNull("yamllint must be installed (Debian package yamllint); CI installs it");

        var start = new ProcessStartInfo(yamllint!)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--strict", "--format", "parsable", "-c", ".yamllint.yaml",
                     "compose.yaml", "helm/voiceassist/Chart.yaml", "helm/voiceassist/values.yaml", "deploy", ".yamllint.yaml",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, output + errors);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
