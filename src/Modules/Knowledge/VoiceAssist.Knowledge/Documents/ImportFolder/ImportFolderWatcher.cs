using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.ImportFolder;

/// <summary>The watched import folder (<c>Knowledge:Ingestion:ImportFolder</c>): every file dropped there is taken in
/// exactly as an upload would be, then moved to <c>imported/</c>, or to <c>failed/</c> beside a <c>.error.txt</c>
/// that says why. A file written in the last few seconds is left for the next pass, so a copy still in progress is
/// never read half-way.</summary>
internal sealed partial class ImportFolderWatcher(IServiceScopeFactory scopes, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<ImportFolderWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Ingestion;
        if (string.IsNullOrWhiteSpace(settings.ImportFolder))
        {
            return;
        }

        Directory.CreateDirectory(settings.ImportFolder);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ImportWaitingFiles(settings.ImportFolder, settings.MaxUploadBytes, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(exception);
            }

            await Task.Delay(settings.ImportFolderPollInterval, time, stoppingToken);
        }
    }

    internal async Task ImportWaitingFiles(string folder, long maxBytes, CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var file = new FileInfo(path);
            if (file.Name.StartsWith('.') || time.GetUtcNow() - file.LastWriteTimeUtc < SettleTime)
            {
                continue;
            }

            var failure = await Import(file, maxBytes, cancellationToken);
            MoveAside(file, failure is null ? "imported" : "failed", failure);
        }
    }

    private async Task<string?> Import(FileInfo file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.Length > maxBytes)
        {
            return $"The file is {file.Length} bytes; the limit is {maxBytes} bytes (Knowledge:Ingestion:MaxUploadBytes).";
        }

        try
        {
            var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var accepted = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new UploadDocument.UploadDocument(file.Name, content, null, new DocumentMetadata()), cancellationToken);
            LogImported(file.Name, accepted.DocumentId);
            return null;
        }
        catch (UnreadableDocumentException exception)
        {
            return exception.Message;
        }
        catch (ValidationException exception)
        {
            return string.Join(" ", exception.Errors.Select(e => e.ErrorMessage));
        }
    }

    private static void MoveAside(FileInfo file, string outcome, string? failure)
    {
        var target = Directory.CreateDirectory(Path.Combine(file.DirectoryName!, outcome)).FullName;
        var destination = Path.Combine(target, file.Name);
        if (File.Exists(destination))
        {
            destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(file.Name)}.{DateTime.UtcNow:yyyyMMddHHmmssfff}{file.Extension}");
        }

        file.MoveTo(destination);
        if (failure is not null)
        {
            File.WriteAllText(destination + ".error.txt", failure + Environment.NewLine);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import folder: {FileName} accepted as document {DocumentId}")]
    private partial void LogImported(string fileName, Guid documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import folder pass failed")]
    private partial void LogPassFailed(Exception exception);
}
