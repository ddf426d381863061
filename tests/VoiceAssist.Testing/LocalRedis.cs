using System.Diagnostics;

namespace VoiceAssist.Testing;

/// <summary>A real Redis server (<c>redis-server</c>) on a free loopback port, without persistence.</summary>
public sealed class LocalRedis : IDisposable
{
    private Process? process;

    public LocalRedis()
    {
        Port = LocalProcess.FreePort();
        Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int Port { get; }

    public string ConnectionString(int database = 0) => $"127.0.0.1:{Port},defaultDatabase={database}";

    public void Start()
    {
        process = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start redis-server: install the redis-server package (./scripts/test.sh does).");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        LocalProcess.StopWhenTestProcessEnds(process.Id, $"kill -9 {process.Id}");
        LocalProcess.WaitUntilListening(Port, "redis-server");
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();
}
