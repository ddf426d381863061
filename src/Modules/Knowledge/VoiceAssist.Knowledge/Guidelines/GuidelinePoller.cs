using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents.UploadDocument;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Guidelines;

/// <summary>Polls each configured guideline URL with a conditional GET (If-None-Match / If-Modified-Since). A 304,
/// or a 200 whose content hash is unchanged, only records the check. Changed content goes through the same checks
/// and queue as an upload (external id <c>guideline:{url}</c>, so the document is replaced, not duplicated), and in
/// that same transaction the new validators are stored and <see cref="GuidelineUpdated"/> is written to the outbox.</summary>
internal sealed partial class GuidelinePoller(IServiceScopeFactory scopes, IHttpClientFactory httpClients, NpgsqlDataSource dataSource,
    TimeProvider time, IOptions<KnowledgeOptions> options, ILogger<GuidelinePoller> logger) : BackgroundService
{
    public const string HttpClientName = "guidelines";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Guidelines;
        if (!settings.Enabled || settings.Sources.Count == 0)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollDue(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                LogFailed(logger, "(database)", ex.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(settings.PollInterval.TotalSeconds / 10, 1, 300)), time, stoppingToken);
        }
    }

    /// <summary>Checks every source whose last check is older than the poll interval.</summary>
    internal async Task PollDue(CancellationToken cancellationToken)
    {
        var settings = options.Value.Guidelines;
        foreach (var source in settings.Sources.Where(s => s.Url is { Scheme: "http" or "https" }))
        {
            var state = await State(source.Url!, cancellationToken);
            if (state?.LastChecked is { } last && time.GetUtcNow() - last < settings.PollInterval)
            {
                continue;
            }

            try
            {
                await Poll(source, state, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or UnreadableDocumentException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
                                       && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, source.Name, ex.Message);
                await Record(source, state, error: ex.Message, cancellationToken);
            }
        }
    }

    private async Task Poll(GuidelineSource source, SourceState? state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
        if (state?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state?.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            await Record(source, state, error: null, cancellationToken);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{source.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var limit = options.Value.Ingestion.MaxUploadBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new UnreadableDocumentException($"{source.Url} is larger than Knowledge:Ingestion:MaxUploadBytes.");
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var hash = ContentHash.Of(content);
        var newETag = response.Headers.ETag?.ToString();
        var newModified = response.Content.Headers.LastModified?.ToString("R");
        if (state?.ContentHash == hash)
        {
            await Record(source, state with { ETag = newETag ?? state.ETag, LastModified = newModified ?? state.LastModified }, error: null, cancellationToken);
            return;
        }

        var fileName = FileName(source.Url!, response.Content.Headers.ContentType?.MediaType, content);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var upload = new UploadDocumentHandler(db, time, options);
        var accepted = await upload.Handle(new UploadDocument(fileName, content, source.Name, new DocumentMetadata(
            ExternalId: "guideline:" + source.Url, Publisher: source.Publisher, Url: source.Url!.ToString(), Licence: source.Licence, Tags: source.Tags)), cancellationToken);
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new GuidelineUpdated(Guid.CreateVersion7(), now, source.Name, source.Url!.ToString(), accepted.DocumentId, hash, FirstSeen: state?.ContentHash is null));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO knowledge.guideline_sources (url, name, etag, last_modified, content_hash, document_id, last_checked_at, last_changed_at, last_error)
            VALUES ({source.Url!.ToString()}, {source.Name}, {newETag}, {newModified}, {hash}, {accepted.DocumentId}, {now}, {now}, NULL)
            ON CONFLICT (url) DO UPDATE SET name = excluded.name, etag = excluded.etag, last_modified = excluded.last_modified, content_hash = excluded.content_hash,
                document_id = excluded.document_id, last_checked_at = excluded.last_checked_at, last_changed_at = excluded.last_changed_at, last_error = NULL
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChanged(logger, source.Name, accepted.Outcome);
    }

    private static string FileName(Uri url, string? mediaType, byte[] content) =>
        mediaType == "application/pdf" || PdfExtractor.IsPdf(content) ? "guideline.pdf"
        : mediaType is "text/plain" ? "guideline.txt"
        : url.AbsolutePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? "guideline.md"
        : "guideline.html";

    private async Task<SourceState?> State(Uri url, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT etag, last_modified, content_hash, last_checked_at FROM knowledge.guideline_sources WHERE url = @url");
        command.Parameters.AddWithValue("url", url.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SourceState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    private async Task Record(GuidelineSource source, SourceState? state, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO knowledge.guideline_sources (url, name, etag, last_modified, content_hash, last_checked_at, last_error)
            VALUES (@url, @name, @etag, @modified, @hash, now(), @error)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_checked_at = now(), last_error = excluded.last_error
            """);
        command.Parameters.AddWithValue("url", source.Url!.ToString());
        command.Parameters.AddWithValue("name", source.Name);
        command.Parameters.AddWithValue("etag", (object?)state?.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("modified", (object?)state?.LastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("hash", (object?)state?.ContentHash ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record SourceState(string? ETag, string? LastModified, string? ContentHash, DateTimeOffset? LastChecked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guideline {Source} changed; re-ingesting ({Outcome})")]
    private static partial void LogChanged(ILogger logger, string source, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guideline {Source} could not be checked: {Reason}")]
    private static partial void LogFailed(ILogger logger, string source, string reason);
}
