using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Documents.ImportDocuments;

namespace VoiceAssist.Knowledge.DemoData;

/// <summary>On first start (setting <c>Knowledge:DemoData:Enabled</c>, on by default in Development) loads the demo
/// corpus, 500 PubMed abstracts from PubMedQA shipped with the application (<c>DemoData/pubmedqa/</c>), in the background, so that a fresh install answers questions at
/// once. Progress is logged and visible at <c>GET /api/knowledge/status</c>. Runs once: it does nothing when the
/// knowledge base already holds documents, and re-running it would change nothing (documents are keyed by PMID).</summary>
internal sealed partial class DemoKnowledgeBaseLoader(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IHostEnvironment environment,
    IOptions<KnowledgeOptions> options, ILogger<DemoKnowledgeBaseLoader> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.DemoData;
        if (!(settings.Enabled ?? environment.IsDevelopment()))
        {
            return;
        }

        await Task.Yield();
        var path = ResolvePath(settings.CorpusPath, environment.ContentRootPath);
        if (path is null)
        {
            LogMissing(logger, settings.CorpusPath);
            return;
        }

        try
        {
            // The migrations may still be running in the host's start-up; wait for the table.
            if (!await KnowledgeBaseIsEmpty(stoppingToken))
            {
                return;
            }

            var lines = await File.ReadAllLinesAsync(path, stoppingToken);
            var loaded = 0;
            foreach (var batch in lines.Where(l => l.Trim().Length > 0).Chunk(BatchSize))
            {
                var documents = batch.Select(Parse).OfType<AddKnowledgeDocument>().ToList();
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportDocuments(documents), stoppingToken);
                loaded += documents.Count;
                LogProgress(logger, loaded, lines.Length);
            }

            LogDone(logger, loaded, path);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start continues only if nothing was loaded, which is the safe choice.
        }
    }

    private AddKnowledgeDocument? Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var id = root.GetProperty("id").ToString();
        var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var title = root.TryGetProperty("title", out var ti) ? ti.GetString() ?? "" : "";
        return new AddKnowledgeDocument(title, text, new DocumentMetadata(ExternalId: id, Publisher: options.Value.DemoData.Publisher, Tags: ["demo"]));
    }

    private async Task<bool> KnowledgeBaseIsEmpty(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM knowledge.documents)");
                return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>An absolute path, or one relative to the content root, the application's folder (where the shipped
    /// corpus is copied) or any folder above either.</summary>
    internal static string? ResolvePath(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, configured));
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo knowledge base: {Loaded} of {Total} documents loaded")]
    private static partial void LogProgress(ILogger logger, int loaded, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo knowledge base loaded: {Loaded} documents from {Path}; vectors follow in the background")]
    private static partial void LogDone(ILogger logger, int loaded, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo knowledge base not loaded: {Path} was not found")]
    private static partial void LogMissing(ILogger logger, string path);
}
