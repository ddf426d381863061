using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents;

namespace VoiceAssist.Knowledge.Search;

/// <summary>The keyword index of each clinician's patient documents, kept in this process only: the passages'
/// lexemes are decrypted from <c>knowledge.patient_chunks</c> when their owner searches, and never written anywhere
/// readable. A passage is scored by BM25 against the whole collection (the shared passages plus the owner's own), so
/// it ranks with the shared ones on one scale. Patient documents have no vectors: their words are never sent to the
/// embedder, which may be a remote service.</summary>
internal sealed class PatientDocumentIndex(NpgsqlDataSource dataSource, IFieldEncryptor encryptor, SearchIndex shared, IServiceScopeFactory scopes,
    IOptions<KnowledgeOptions> options, TimeProvider time)
{
    /// <summary>The request name patient-passage reads are audited under, one entry per document read.</summary>
    public const string AuditedRead = "ReadPatientDocumentPassages";

    private readonly ConcurrentDictionary<Guid, OwnerIndex> owners = new();

    public async Task<IReadOnlyList<(IndexedChunk Chunk, double Score)>> Search(Guid owner, IReadOnlyList<WeightedTerm> query, int top, SearchFilters? filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Patient documents carry no publisher, date or tags, so any such filter excludes them.
        if (!new IndexedDocument(Guid.Empty, 0, null, null, []).Matches(filters) || query.Count == 0)
        {
            return [];
        }

        var index = await Fresh(owner, cancellationToken);
        var chunks = index.Chunks;
        if (chunks.Count == 0)
        {
            return [];
        }

        var lexemes = query.GroupBy(t => t.Lexeme, StringComparer.Ordinal).Select(g => new WeightedTerm(g.Key, g.Max(t => t.Weight))).Where(t => t.Weight > 0).ToList();
        var (sharedCount, sharedAverageLength, sharedFrequency) = shared.Statistics(lexemes.Select(t => t.Lexeme));
        var count = sharedCount + chunks.Count;
        var averageLength = ((sharedAverageLength * sharedCount) + chunks.Sum(c => c.Length)) / count;
        var (k1, b) = (options.Value.Search.K1, options.Value.Search.B);
        var idfs = lexemes.ToDictionary(t => t.Lexeme, t =>
        {
            var df = sharedFrequency.GetValueOrDefault(t.Lexeme) + chunks.Count(c => c.Terms.ContainsKey(t.Lexeme));
            return Math.Log(1 + ((count - df + 0.5) / (df + 0.5)));
        }, StringComparer.Ordinal);
        var hits = new List<(IndexedChunk, double)>();
        foreach (var chunk in chunks)
        {
            double score = 0;
            foreach (var term in lexemes)
            {
                if (!chunk.Terms.TryGetValue(term.Lexeme, out var tf))
                {
                    continue;
                }

                score += term.Weight * idfs[term.Lexeme] * (k1 + 1) * tf / (tf + (k1 * (1 - b + (b * chunk.Length / averageLength))));
            }

            if (score > 0)
            {
                hits.Add((new IndexedChunk(chunk.ChunkId, chunk.DocumentId), score));
            }
        }

        return [.. hits.OrderByDescending(h => h.Item2).ThenBy(h => h.Item1.ChunkId).Take(top)];
    }

    /// <summary>The owner's passages among <paramref name="chunkIds"/>, decrypted; another user's are never returned.
    /// Each document read is audited.</summary>
    public async Task<IReadOnlyList<RankedPassage>> Passages(Guid owner, IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken)
    {
        if (chunkIds.Count == 0)
        {
            return [];
        }

        var passages = new List<RankedPassage>();
        await using (var command = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, p.title, c.page, c.section, c.text
            FROM knowledge.patient_chunks c
            JOIN knowledge.documents d ON d.id = c.document_id
            JOIN knowledge.patient_document_contents p ON p.document_id = c.document_id
            WHERE c.id = ANY(@ids) AND d.owner_id = @owner
            """))
        {
            command.Parameters.AddWithValue("ids", chunkIds.ToArray());
            command.Parameters.AddWithValue("owner", owner);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                passages.Add(new RankedPassage(reader.GetInt64(0), reader.GetGuid(1), null, encryptor.Decrypt(reader.GetString(2), PatientDocuments.TitlePurpose),
                    null, null, null, null, reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : encryptor.Decrypt(reader.GetString(4), PatientDocuments.SectionPurpose),
                    encryptor.Decrypt(reader.GetString(5), PatientDocuments.ChunkTextPurpose), 0, 0));
            }
        }

        if (passages.Count > 0)
        {
            await Audit(owner, passages.Select(p => p.DocumentId).Distinct());
        }

        return passages;
    }

    private async Task Audit(Guid owner, IEnumerable<Guid> documents)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        var correlationId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        foreach (var document in documents)
        {
            db.AddIntegrationEvent(new PhiAccessed(Guid.CreateVersion7(), time.GetUtcNow(), AuditedRead, "document", document.ToString(),
                owner.ToString(), null, null, null, correlationId, "succeeded"));
        }

        // Not cancellable: passages that were read must not escape their record.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The owner's index, brought up to date with one small read of the owner's documents' revisions.</summary>
    private async Task<OwnerIndex> Fresh(Guid owner, CancellationToken cancellationToken)
    {
        var index = owners.GetOrAdd(owner, _ => new OwnerIndex());
        await index.Gate.WaitAsync(cancellationToken);
        try
        {
            var current = new Dictionary<Guid, long>();
            await using (var command = dataSource.CreateCommand("SELECT id, index_revision FROM knowledge.documents WHERE owner_id = @owner AND chunk_count > 0"))
            {
                command.Parameters.AddWithValue("owner", owner);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    current[reader.GetGuid(0)] = reader.GetInt64(1);
                }
            }

            var changed = current.Where(c => !index.Revisions.TryGetValue(c.Key, out var known) || known != c.Value).Select(c => c.Key).ToArray();
            var removed = index.Revisions.Keys.Where(id => !current.ContainsKey(id)).ToList();
            if (changed.Length == 0 && removed.Count == 0)
            {
                return index;
            }

            var loaded = new List<IndexedPatientChunk>();
            if (changed.Length > 0)
            {
                await using var command = dataSource.CreateCommand("SELECT id, document_id, terms FROM knowledge.patient_chunks WHERE document_id = ANY(@ids)");
                command.Parameters.AddWithValue("ids", changed);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var terms = PatientDocuments.ParseTerms(encryptor.Decrypt(reader.GetString(2), PatientDocuments.TermsPurpose));
                    loaded.Add(new IndexedPatientChunk(reader.GetInt64(0), reader.GetGuid(1), terms, Math.Max(1, terms.Values.Sum())));
                }
            }

            var gone = changed.Concat(removed).ToHashSet();
            index.Chunks = [.. index.Chunks.Where(c => !gone.Contains(c.DocumentId)), .. loaded];
            index.Revisions = current;
            return index;
        }
        finally
        {
            index.Gate.Release();
        }
    }

    private sealed class OwnerIndex
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<Guid, long> Revisions { get; set; } = [];

        public List<IndexedPatientChunk> Chunks { get; set; } = [];
    }

    private sealed record IndexedPatientChunk(long ChunkId, Guid DocumentId, Dictionary<string, float> Terms, float Length);
}
