using System.Diagnostics;

namespace VoiceAssist.DeploymentTests;

/// <summary>Runs the machine's own command-line checkers (yamllint, promtool, amtool) in the repository root.</summary>
internal static class Tools
{
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Output)> Run(string tool, string debianPackage, params string[] arguments)
    {
        var path = FindOnPath(tool);
        path.Should().NotBeNull($"{tool} must be installed (Debian package {debianPackage}; scripts/test.sh installs it)");
        var start = new ProcessStartInfo(path!)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
