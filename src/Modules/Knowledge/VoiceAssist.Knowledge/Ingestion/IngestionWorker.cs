using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>Processes uploaded files queued in <c>knowledge.documents</c> (the queue is the table: status plus a
/// lease). A worker claims one document with <c>FOR UPDATE SKIP LOCKED</c> and a lease, extracts and chunks it, then
/// swaps its passages in one transaction. A host that dies mid-way leaves the lease to expire and another (or the
/// same, restarted) takes the document again from its stored source; the swap deletes whatever passages exist
/// first, so a retry never duplicates them.</summary>
internal sealed partial class IngestionWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, SearchIndex index, EmbeddingAvailability embeddings,
    TimeProvider time, IOptions<KnowledgeOptions> options, ILogger<IngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Ingestion.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await ProcessNext(stoppingToken))
                {
                    await Task.Delay(options.Value.Ingestion.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                LogDatabaseError(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    /// <summary>Processes one queued (or abandoned) document; false when there was none.</summary>
    internal async Task<bool> ProcessNext(CancellationToken cancellationToken)
    {
        var settings = options.Value.Ingestion;
        Guid id;
        int attempts;
        await using (var claim = dataSource.CreateCommand($"""
            UPDATE knowledge.documents SET status = '{DocumentStatus.Extracting}', status_detail = 'extracting', attempts = attempts + 1,
                lease_until = now() + @lease, updated_at = now()
            WHERE id = (SELECT id FROM knowledge.documents
                        WHERE status = '{DocumentStatus.Queued}' OR (status = '{DocumentStatus.Extracting}' AND lease_until < now())
                        ORDER BY updated_at NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, attempts
            """))
        {
            claim.Parameters.AddWithValue("lease", settings.Lease);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (id, attempts) = (reader.GetGuid(0), reader.GetInt32(1));
        }

        if (attempts > settings.MaxAttempts)
        {
            await Fail(id, $"Processing was interrupted {settings.MaxAttempts} times; upload the file again to retry.", cancellationToken);
            return true;
        }

        try
        {
            await Process(id, cancellationToken);
        }
        catch (UnreadableDocumentException unreadable)
        {
            await Fail(id, unreadable.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            LogRetry(logger, id, ex.Message);
            await using var requeue = dataSource.CreateCommand($"UPDATE knowledge.documents SET status = '{DocumentStatus.Queued}', status_detail = 'waiting to retry', lease_until = NULL WHERE id = @id AND status = '{DocumentStatus.Extracting}'");
            requeue.Parameters.AddWithValue("id", id);
            await requeue.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    private async Task Process(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        var source = await db.DocumentSources.AsNoTracking().SingleOrDefaultAsync(s => s.DocumentId == id, cancellationToken);
        // A patient document's upload waits encrypted beside its other words instead.
        var patient = source is null ? await db.PatientDocumentContents.SingleOrDefaultAsync(p => p.DocumentId == id, cancellationToken) : null;
        if (patient?.Source is { } encoded)
        {
            var mediaType = await db.Documents.Where(d => d.Id == id).Select(d => d.SourceType).SingleAsync(cancellationToken);
            source = new DocumentSource { DocumentId = id, MediaType = mediaType, Content = Convert.FromBase64String(encoded) };
        }

        if (source is null)
        {
            await Fail(id, "The uploaded file is no longer available; upload it again.", cancellationToken);
            return;
        }

        var extracted = source.MediaType switch
        {
            SourceTypes.Pdf => await PdfExtractor.Extract(source.Content, options.Value.Ingestion.Ocr, detail => Progress(id, detail, cancellationToken), cancellationToken),
            SourceTypes.Image => await ImageExtractor.Extract(source.Content, options.Value.Ingestion.Ocr, options.Value.Ingestion.MaxPdfPages, detail => Progress(id, detail, cancellationToken), cancellationToken),
            SourceTypes.Html => HtmlExtractor.Extract(Encoding.UTF8.GetString(source.Content)),
            SourceTypes.Markdown => PlainTextExtractor.FromMarkdown(Encoding.UTF8.GetString(source.Content)),
            _ => PlainTextExtractor.FromPlainText(Encoding.UTF8.GetString(source.Content)),
        };
        var chunks = Chunker.Split(extracted.Blocks);
        if (chunks.Count == 0)
        {
            throw new UnreadableDocumentException("No readable text was found in the file.");
        }

        await Progress(id, $"indexing {chunks.Count} passages", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = await db.Documents.FromSql($"SELECT * FROM knowledge.documents WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (document is null || document.Status != DocumentStatus.Extracting)
        {
            return; // deleted, or taken over after our lease expired
        }

        var replaced = document.ChunkCount > 0;
        var (titleNow, fileName) = patient is null ? (document.Title, document.FileName) : (patient.Title, patient.FileName);
        if (extracted.Title is { Length: > 0 } title && fileName is not null && titleNow == Path.GetFileNameWithoutExtension(fileName))
        {
            titleNow = title.Length > 300 ? title[..300] : title;
        }

        var now = time.GetUtcNow();
        // Patient documents are searched by keyword only, so they are ready as soon as their passages are stored.
        var embed = embeddings.Enabled && patient is null;
        if (patient is null)
        {
            document.Title = titleNow;
            document.Text = extracted.FullText;
            db.DocumentSources.Remove(new DocumentSource { DocumentId = id, MediaType = source.MediaType, Content = [] });
        }
        else
        {
            patient.Title = titleNow;
            patient.Text = extracted.FullText;
            patient.Source = null;
        }

        document.PageCount = extracted.PageCount ?? document.PageCount;
        document.ChunkCount = chunks.Count;
        document.Status = embed ? DocumentStatus.Embedding : DocumentStatus.Ready;
        document.StatusDetail = embed ? $"embedding: 0 of {chunks.Count} passages" : null;
        document.FailureReason = null;
        document.LeaseUntil = null;
        document.IndexRevision++;
        document.UpdatedAt = now;
        db.AddIntegrationEvent(new DocumentIngested(Guid.CreateVersion7(), now, document.Id, document.Title, extracted.FullText.Length)
        {
            ExternalId = document.ExternalId,
            ChunkCount = chunks.Count,
            Replaced = replaced,
            ActorId = document.AddedBy,
        });
        await db.SaveChangesAsync(cancellationToken);
        var (connection, npgsqlTransaction) = TextIngestion.Connection(db);
        if (patient is null)
        {
            await ChunkStore.Replace(connection, npgsqlTransaction, [(document.Id, document.Title, chunks)], cancellationToken);
        }
        else
        {
            await PatientDocuments.ReplaceChunks(db, document.Id, titleNow, chunks, cancellationToken);
        }

        await SaveOcrPages(connection, npgsqlTransaction, document.Id, extracted.OcrPages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        index.MarkStale();
        LogIngested(logger, id, chunks.Count, extracted.PageCount);
    }

    private static async Task SaveOcrPages(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, IReadOnlyList<Ocr.OcrPage> pages, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM knowledge.ocr_pages WHERE document_id = @id;
            INSERT INTO knowledge.ocr_pages (document_id, page, confidence, characters) SELECT @id, p, c, n FROM unnest(@pages, @confidences, @characters) AS x(p, c, n);
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("pages", pages.Select(p => p.Page).ToArray());
        command.Parameters.AddWithValue("confidences", pages.Select(p => p.Confidence).ToArray());
        command.Parameters.AddWithValue("characters", pages.Select(p => p.Text.Trim().Length).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task Progress(Guid id, string detail, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE knowledge.documents SET status_detail = @detail, lease_until = now() + @lease WHERE id = @id AND status = '{DocumentStatus.Extracting}'");
        command.Parameters.AddWithValue("detail", detail);
        command.Parameters.AddWithValue("lease", options.Value.Ingestion.Lease);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task Fail(Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE knowledge.documents SET status = '{DocumentStatus.Failed}', status_detail = NULL, failure_reason = @reason, lease_until = NULL, updated_at = now()
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        LogFailed(logger, id, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} indexed: {Chunks} passages, {Pages} pages")]
    private static partial void LogIngested(ILogger logger, Guid documentId, int chunks, int? pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} will be retried: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion worker database error: {Reason}")]
    private static partial void LogDatabaseError(ILogger logger, string reason);
}
