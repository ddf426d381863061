using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Ingestion;

internal sealed record TextDocumentInput(string Title, string Text, DocumentMetadata Metadata, string SourceType = SourceTypes.Text);

/// <summary>Indexes documents that arrive as text (JSON, bulk import, other modules) at once, in the caller's
/// transaction: a document is identified by its external id when it has one, otherwise by its content hash.
/// Same content again changes nothing; changed content under a known external id replaces the passages.</summary>
internal sealed class TextIngestion(KnowledgeDbContext db, TimeProvider time, SearchIndex index, EmbeddingAvailability embeddings, ICurrentUser user)
{
    public async Task<IReadOnlyList<KnowledgeDocumentAccepted>> Ingest(IReadOnlyList<TextDocumentInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var now = time.GetUtcNow();
        var hashes = inputs.Select(i => ContentHash.Of(i.Title, i.Text)).ToList();
        var externalIds = inputs.Select(i => i.Metadata.ExternalId).OfType<string>().Distinct().ToList();
        var byExternalId = externalIds.Count == 0 ? [] : await db.Documents.Where(d => d.ExternalId != null && externalIds.Contains(d.ExternalId)).ToDictionaryAsync(d => d.ExternalId!, cancellationToken);
        var anonymousHashes = hashes.Where((_, i) => inputs[i].Metadata.ExternalId is null).Distinct().ToList();
        // Grouped here, not in SQL: PostgreSQL before 18 has no min(uuid).
        var byHash = anonymousHashes.Count == 0 ? [] : (await db.Documents.Where(d => d.ExternalId == null && anonymousHashes.Contains(d.ContentHash))
                .Select(d => new { d.ContentHash, d.Id, d.Status })
                .ToListAsync(cancellationToken))
            .GroupBy(d => d.ContentHash)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.Id).Select(d => (d.Id, d.Status)).First());
        var readyStatus = embeddings.Enabled ? DocumentStatus.Embedding : DocumentStatus.Ready;

        var results = new KnowledgeDocumentAccepted[inputs.Count];
        var toIndex = new List<(Guid, string, IReadOnlyList<TextChunk>)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var metadata = input.Metadata;
            var hash = hashes[i];
            if (metadata.ExternalId is null && byHash.TryGetValue(hash, out var same))
            {
                results[i] = new KnowledgeDocumentAccepted(same.Id, "unchanged", same.Status);
                continue;
            }

            var chunks = Chunker.Split(input.SourceType == SourceTypes.Markdown
                ? PlainTextExtractor.FromMarkdown(input.Text).Blocks
                : PlainTextExtractor.FromPlainText(input.Text).Blocks);
            if (chunks.Count == 0 && input.Title.Trim() is { Length: > 0 } titleOnly)
            {
                // A title without text: one passage holding the title, so the document is found and cited by it.
                chunks = [new TextChunk(0, null, null, titleOnly, titleOnly.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)];
            }
            Document document;
            var replaced = false;
            if (metadata.ExternalId is not null && byExternalId.TryGetValue(metadata.ExternalId, out var existing))
            {
                if (existing.ContentHash == hash)
                {
                    results[i] = new KnowledgeDocumentAccepted(existing.Id, "unchanged", existing.Status);
                    continue;
                }

                document = existing;
                replaced = true;
                document.IndexRevision++;
                document.UpdatedAt = now;
                await db.DocumentSources.Where(s => s.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                document = new Document { Id = Guid.CreateVersion7(), Title = "", Text = "", IngestedAt = now, IndexRevision = 1, ExternalId = metadata.ExternalId };
                db.Documents.Add(document);
                if (metadata.ExternalId is not null)
                {
                    byExternalId[metadata.ExternalId] = document;
                }
                else
                {
                    byHash[hash] = (document.Id, readyStatus);
                }
            }

            document.Title = input.Title.Trim();
            document.Text = input.Text;
            document.ContentHash = hash;
            document.SourceType = input.SourceType;
            document.AddedBy = user.UserId;
            Apply(document, metadata);
            document.Status = readyStatus;
            document.StatusDetail = null;
            document.FailureReason = null;
            document.ChunkCount = chunks.Count;
            document.LeaseUntil = null;
            toIndex.RemoveAll(t => t.Item1 == document.Id);
            toIndex.Add((document.Id, document.Title, chunks));
            db.AddIntegrationEvent(new DocumentIngested(Guid.CreateVersion7(), now, document.Id, document.Title, document.Text.Length)
            {
                ExternalId = document.ExternalId,
                ChunkCount = chunks.Count,
                Replaced = replaced,
                ActorId = user.UserId,
            });
            results[i] = new KnowledgeDocumentAccepted(document.Id, replaced ? "replaced" : "created", readyStatus);
        }

        await db.SaveChangesAsync(cancellationToken);
        var (connection, transaction) = Connection(db);
        await ChunkStore.Replace(connection, transaction, toIndex, cancellationToken);
        index.MarkStale();
        return results;
    }

    public static void Apply(Document document, DocumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(metadata);
        document.Publisher = metadata.Publisher?.Trim();
        document.PublishedOn = metadata.PublishedOn;
        document.Version = metadata.Version?.Trim();
        document.Url = metadata.Url?.Trim();
        document.Licence = metadata.Licence?.Trim();
        document.Tags = metadata.Tags?.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
    }

    /// <summary>The connection and transaction the command pipeline opened for this DbContext.</summary>
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Connection(KnowledgeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Text ingestion runs inside a command's transaction.");
        return ((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
    }
}

/// <summary>Whether an embedder is configured and running, so new documents wait for vectors ("embedding") or are
/// "ready" as soon as they are keyword-indexed.</summary>
/// <summary>Whether passages get vectors now (an embedder is configured and its worker runs); read at every use,
/// since the provider can be changed while the host runs.</summary>
internal sealed class EmbeddingAvailability(Embeddings.EmbeddingProvider provider, Microsoft.Extensions.Options.IOptionsMonitor<KnowledgeOptions> options)
{
    public bool Enabled => options.CurrentValue.Embeddings.WorkerEnabled && provider.Model is not null;
}
