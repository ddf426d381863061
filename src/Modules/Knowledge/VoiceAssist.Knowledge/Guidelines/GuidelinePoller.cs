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

/// <summary>Polls each guideline source (<c>knowledge.guideline_sources</c>, which administrators edit in the console and
/// configuration seeds) with a conditional GET (If-None-Match / If-Modified-Since) once its interval has passed. A
/// 304, or a 200 whose content hash is unchanged, only records the check. Changed content goes through the same checks
/// and queue as an upload (external id <c>guideline:{url}</c>, so the document is replaced, not duplicated), and in
/// that same transaction the new validators are stored and <see cref="GuidelineUpdated"/> is written to the outbox.</summary>
internal sealed partial class GuidelinePoller(IServiceScopeFactory scopes, IHttpClientFactory httpClients, NpgsqlDataSource dataSource, GuidelineSourceSeeder seeder,
    TimeProvider time, IOptions<KnowledgeOptions> options, ILogger<GuidelinePoller> logger) : BackgroundService
{
    public const string HttpClientName = "guidelines";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value.Guidelines;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Seeding runs even with polling off, so the console lists the configured sources.
                await seeder.EnsureSeeded(stoppingToken);
                if (!settings.Enabled)
                {
                    return;
                }

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

    /// <summary>Checks every source whose last check is older than its poll interval.</summary>
    internal async Task PollDue(CancellationToken cancellationToken)
    {
        await seeder.EnsureSeeded(cancellationToken);
        var defaultInterval = options.Value.Guidelines.PollInterval;
        List<GuidelineSourceState> sources;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sources = await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().GuidelineSources.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        }

        foreach (var source in sources)
        {
            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            if (source.LastCheckedAt is { } last && time.GetUtcNow() - last < (source.PollInterval ?? defaultInterval))
            {
                continue;
            }

            try
            {
                await Poll(source, url, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or UnreadableDocumentException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
                                       && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, source.Name, ex.Message);
                await Record(source.Id, source.ETag, source.LastModified, error: ex.Message, cancellationToken);
            }
        }
    }

    private async Task Poll(GuidelineSourceState source, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (source.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (source.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            await Record(source.Id, source.ETag, source.LastModified, error: null, cancellationToken);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var limit = options.Value.Ingestion.MaxUploadBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new UnreadableDocumentException($"{url} is larger than Knowledge:Ingestion:MaxUploadBytes.");
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var hash = ContentHash.Of(content);
        var newETag = response.Headers.ETag?.ToString();
        var newModified = response.Content.Headers.LastModified?.ToString("R");
        if (source.ContentHash == hash)
        {
            await Record(source.Id, newETag ?? source.ETag, newModified ?? source.LastModified, error: null, cancellationToken);
            return;
        }

        var fileName = FileName(url, response.Content.Headers.ContentType?.MediaType, content);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var upload = new UploadDocumentHandler(db, time, options, scope.ServiceProvider.GetRequiredService<Administration.KnowledgeChanges>());
        var accepted = await upload.Handle(new UploadDocument(fileName, content, source.Name, new DocumentMetadata(
            ExternalId: "guideline:" + source.Url, Publisher: source.Publisher, Url: source.Url, Licence: source.Licence, Tags: source.Tags)), cancellationToken);
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new GuidelineUpdated(Guid.CreateVersion7(), now, source.Name, source.Url, accepted.DocumentId, hash, FirstSeen: source.ContentHash is null));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE knowledge.guideline_sources SET etag = {newETag}, last_modified = {newModified}, content_hash = {hash}, document_id = {accepted.DocumentId},
                last_checked_at = {now}, last_changed_at = {now}, last_error = NULL
            WHERE id = {source.Id}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChanged(logger, source.Name, accepted.Outcome);
    }

    private static string FileName(Uri url, string? mediaType, byte[] content) =>
        mediaType == "application/pdf" || PdfExtractor.IsPdf(content) ? "guideline.pdf"
        : mediaType is "text/plain" ? "guideline.txt"
        : url.AbsolutePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? "guideline.md"
        : "guideline.html";

    private async Task Record(Guid id, string? etag, string? lastModified, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE knowledge.guideline_sources SET etag = @etag, last_modified = @modified, last_checked_at = now(), last_error = @error WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("etag", (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("modified", (object?)lastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Guideline {Source} changed; re-ingesting ({Outcome})")]
    private static partial void LogChanged(ILogger logger, string source, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guideline {Source} could not be checked: {Reason}")]
    private static partial void LogFailed(ILogger logger, string source, string reason);
}
