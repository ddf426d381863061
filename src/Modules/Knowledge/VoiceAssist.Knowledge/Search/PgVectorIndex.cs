using System.Globalization;
using Npgsql;
using Pgvector;

namespace VoiceAssist.Knowledge.Search;

/// <summary>pgvector's HNSW index (cosine distance) over <c>knowledge.chunk_vectors</c>, through pgvector's own Npgsql
/// client (<c>UseVector()</c>: vectors travel as the <c>vector</c> type, no casts). The table exists only where
/// <c>CREATE EXTENSION vector</c> succeeds, so it is created here rather than by a migration (and is not part of the
/// EF model, which every server's schema must match); rows follow <c>knowledge.chunks</c> (and vanish with them
/// through the foreign key) and record the model that made them.</summary>
internal sealed class PgVectorIndex : IVectorIndex, IDisposable
{
    private int dimensions;

    /// <param name="connectionString">The module's database; a data source of its own is built with pgvector's type
    /// mapping, after the extension exists, so its types load.</param>
    public PgVectorIndex(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        DataSource = builder.Build();
    }

    public string Name => "pgvector";

    /// <summary>Connections that can send and read <see cref="Vector"/>; the embedding worker writes a batch's
    /// passages and their vectors through one of them in one transaction.</summary>
    public NpgsqlDataSource DataSource { get; }

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
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
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

    /// <summary>Adds vectors in the caller's transaction (a connection of <see cref="DataSource"/>), so they commit
    /// with the chunks' own embedding column.</summary>
    public static async Task Upsert(NpgsqlConnection connection, NpgsqlTransaction? transaction, string model, IReadOnlyList<(long ChunkId, Guid DocumentId, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO knowledge.chunk_vectors (chunk_id, document_id, model, embedding)
            SELECT c, d, @model, v FROM unnest(@chunks, @documents, @vectors) AS x(c, d, v)
            ON CONFLICT (chunk_id) DO UPDATE SET embedding = excluded.embedding, model = excluded.model
            """, connection, transaction);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("chunks", vectors.Select(v => v.ChunkId).ToArray());
        command.Parameters.AddWithValue("documents", vectors.Select(v => v.DocumentId).ToArray());
        command.Parameters.AddWithValue("vectors", vectors.Select(v => new Vector(v.Vector)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VectorHit>> Search(float[] query, string model, int top, Func<Guid, bool>? acceptDocument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Filters are applied after the approximate search, so ask for more than needed when filtering. HNSW returns
        // at most ef_search rows (40 by default), so it is raised to the number asked for, in this transaction only.
        var limit = acceptDocument is null ? top : top * 5;
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var setting = new NpgsqlCommand("SELECT set_config('hnsw.ef_search', @ef, true)", connection, transaction))
        {
            setting.Parameters.AddWithValue("ef", Math.Clamp(limit, 40, 1000).ToString(CultureInfo.InvariantCulture));
            await setting.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            SELECT chunk_id, document_id, 1 - (embedding <=> @q) AS score
            FROM knowledge.chunk_vectors WHERE model = @model ORDER BY embedding <=> @q LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("q", new Vector(query));
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<VectorHit>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var hit = new VectorHit(reader.GetInt64(0), reader.GetGuid(1), reader.GetDouble(2));
                if (acceptDocument is null || acceptDocument(hit.DocumentId))
                {
                    hits.Add(hit);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return hits.Take(top).ToList();
    }

    public void Dispose() => DataSource.Dispose();
}
