using System.Globalization;
using Npgsql;

namespace VoiceAssist.Knowledge.Search;

/// <summary>pgvector's HNSW index (cosine distance) over <c>knowledge.chunk_vectors</c>. That table exists only
/// where <c>CREATE EXTENSION vector</c> succeeds, so it is created here rather than by a migration; rows follow
/// <c>knowledge.chunks</c> (and vanish with them through the foreign key). No client package: vectors travel as
/// <c>real[]</c> and are cast in SQL.</summary>
internal sealed class PgVectorIndex(NpgsqlDataSource dataSource) : IVectorIndex
{
    private int dimensions;

    public string Name => "pgvector";

    /// <summary>Installs the extension if this server has it; false (and nothing changed) if not.</summary>
    public static async Task<bool> TryEnable(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var available = new NpgsqlCommand("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'", connection))
        {
            if ((long)(await available.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return false;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>Creates the vector table for this embedder's dimension on first use; a table of another dimension
    /// (the model changed) is dropped, its vectors are being made again anyway.</summary>
    public async Task EnsureTable(int vectorDimensions, CancellationToken cancellationToken)
    {
        if (dimensions == vectorDimensions)
        {
            return;
        }

        var size = vectorDimensions.ToString(CultureInfo.InvariantCulture);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
#pragma warning disable CA2100 // the only interpolated value is an integer
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF to_regclass('knowledge.chunk_vectors') IS NOT NULL AND (
                    (SELECT atttypmod FROM pg_attribute WHERE attrelid = to_regclass('knowledge.chunk_vectors') AND attname = 'embedding') <> {size}
                    OR NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('knowledge.chunk_vectors') AND attname = 'model')) THEN
                    DROP TABLE knowledge.chunk_vectors;
                END IF;
            END $$;
            CREATE TABLE IF NOT EXISTS knowledge.chunk_vectors (
                chunk_id bigint PRIMARY KEY REFERENCES knowledge.chunks (id) ON DELETE CASCADE,
                document_id uuid NOT NULL,
                model text NOT NULL,
                embedding vector({size}) NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_chunk_vectors_hnsw ON knowledge.chunk_vectors USING hnsw (embedding vector_cosine_ops);
            """, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
        dimensions = vectorDimensions;
    }

    /// <summary>Adds vectors in the caller's transaction, so they commit with the chunks' own embedding column.</summary>
    public static async Task Upsert(NpgsqlConnection connection, NpgsqlTransaction? transaction, string model, IReadOnlyList<(long ChunkId, Guid DocumentId, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO knowledge.chunk_vectors (chunk_id, document_id, model, embedding)
            SELECT c, d, @model, v::vector FROM unnest(@chunks, @documents, @vectors) AS x(c, d, v)
            ON CONFLICT (chunk_id) DO UPDATE SET embedding = excluded.embedding, model = excluded.model
            """, connection, transaction);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("chunks", vectors.Select(v => v.ChunkId).ToArray());
        command.Parameters.AddWithValue("documents", vectors.Select(v => v.DocumentId).ToArray());
        // A jagged array cannot be a parameter; each vector goes as its pgvector text form.
        command.Parameters.AddWithValue("vectors", vectors.Select(v => "[" + string.Join(',', v.Vector.Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + "]").ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VectorHit>> Search(float[] query, string model, int top, Func<Guid, bool>? acceptDocument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Filters are applied after the approximate search, so ask for more than needed when filtering.
        var limit = acceptDocument is null ? top : top * 5;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT chunk_id, document_id, 1 - (embedding <=> @q::real[]::vector) AS score
            FROM knowledge.chunk_vectors WHERE model = @model ORDER BY embedding <=> @q::real[]::vector LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<VectorHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hit = new VectorHit(reader.GetInt64(0), reader.GetGuid(1), reader.GetDouble(2));
            if (acceptDocument is null || acceptDocument(hit.DocumentId))
            {
                hits.Add(hit);
            }
        }

        return hits.Take(top).ToList();
    }
}
