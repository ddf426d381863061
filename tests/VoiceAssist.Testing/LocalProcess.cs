using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VoiceAssist.Testing;

/// <summary>Runs the machine's own server binaries for tests: free ports, commands as the postgres user when the
/// tests run as root (PostgreSQL refuses root), and output captured for the failure message.</summary>
public static class LocalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Run(string fileName, params string[] arguments) => RunAs(null, fileName, arguments);

    /// <summary>Runs a command to completion (as <paramref name="user"/> when given and we are root) and returns its output.</summary>
    public static string RunAs(string? user, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null && IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    /// <summary>Runs <paramref name="cleanup"/> if this test process goes while the server <paramref name="serverId"/>
    /// still runs, however the process ends: the runner may kill a test host without running its exit handlers, and a
    /// server started for it must not outlive it. The watcher is a detached shell that polls both every second and
    /// ends quietly when the server stops first.</summary>
    public static void StopWhenTestProcessEnds(int serverId, string cleanup)
    {
        var testId = Environment.ProcessId;
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {testId} && kill -0 {serverId}; do sleep 1; done; kill -0 {testId} || {{ {cleanup}; }}";
        using var watcher = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "sh", "-c", script },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the watcher that stops a test server.");
    }

    /// <summary>A shell command that runs <paramref name="fileName"/> as <paramref name="user"/> when the tests run as root.</summary>
    public static string ShellCommandAs(string user, string fileName, params string[] arguments)
    {
        var words = new List<string>();
        if (IsRoot)
        {
            words.AddRange(["runuser", "-u", user, "--"]);
        }

        words.Add(fileName);
        words.AddRange(arguments);
        return string.Join(' ', words.Select(QuoteForShell));
    }

    public static string QuoteForShell(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Waits until something accepts connections on the loopback <paramref name="port"/>.</summary>
    public static void WaitUntilListening(int port, string server, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"{server} did not start listening on port {port}.");
    }

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }
}
