using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VoiceAssist.Knowledge.Search;

/// <summary>Loads the keyword index as the host starts, so the first search after a restart finds it ready instead
/// of paying for reading every passage's lexemes.</summary>
internal sealed partial class SearchIndexWarmup(SearchIndex index, ILogger<SearchIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await index.EnsureFresh(stoppingToken);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                LogLoaded(logger, index.ChunkCount, seconds);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                LogRetry(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 * attempt)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyword index loaded: {Passages} passages in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, int passages, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keyword index could not be loaded yet ({Reason}); retrying")]
    private static partial void LogRetry(ILogger logger, string reason);
}
