using Npgsql;

namespace VoiceAssist.Knowledge.Ingestion;

/// <summary>Replaces the passages of documents inside the caller's transaction: the old ones are deleted and the new
/// ones inserted with their tsvector (title and section at weight A, body at D) in one statement each, so a search,
/// which reads committed data only, sees either the old set or the new one, never half.</summary>
internal static class ChunkStore
{
    public static async Task Replace(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(Guid DocumentId, string Title, IReadOnlyList<TextChunk> Chunks)> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM knowledge.chunks WHERE document_id = ANY(@ids)", connection, transaction))
        {
            delete.Parameters.AddWithValue("ids", documents.Select(d => d.DocumentId).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = documents.SelectMany(d => d.Chunks.Select(c => (d.DocumentId, d.Title, Chunk: c))).ToList();
        foreach (var batch in rows.Chunk(2000))
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO knowledge.chunks (document_id, ordinal, page, section, text, token_count, tsv)
                SELECT d, o, p, s, t, n, setweight(to_tsvector('english', knowledge.lexical_text(h)), 'A') || to_tsvector('english', knowledge.lexical_text(t))
                FROM unnest(@d, @o, @p, @s, @t, @n, @h) AS x(d, o, p, s, t, n, h)
                """, connection, transaction);
            insert.Parameters.AddWithValue("d", batch.Select(r => r.DocumentId).ToArray());
            insert.Parameters.AddWithValue("o", batch.Select(r => r.Chunk.Ordinal).ToArray());
            insert.Parameters.AddWithValue("p", batch.Select(r => r.Chunk.Page).ToArray());
            insert.Parameters.AddWithValue("s", batch.Select(r => r.Chunk.Section).ToArray());
            insert.Parameters.AddWithValue("t", batch.Select(r => r.Chunk.Text).ToArray());
            insert.Parameters.AddWithValue("n", batch.Select(r => r.Chunk.TokenCount).ToArray());
            insert.Parameters.AddWithValue("h", batch.Select(r => string.Join(' ', r.Title, r.Chunk.Section ?? "")).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
