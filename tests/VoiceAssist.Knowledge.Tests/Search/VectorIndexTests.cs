using System.Diagnostics;
using Npgsql;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Search;

/// <summary>Both vector indexes, on the same vectors, return the same nearest passages. pgvector runs in PGlite
/// (PostgreSQL in WebAssembly with the pgvector extension) served on a loopback port by its node socket server;
/// vectors go through pgvector's own Npgsql client (<c>UseVector()</c>).</summary>
public sealed class VectorIndexTests
{
    private static readonly string[] Texts =
    [
        "aspirin after myocardial infarction", "statins in chronic kidney disease", "warfarin for atrial fibrillation",
        "insulin in type 1 diabetes", "metformin in type 2 diabetes", "knee replacement rehabilitation", "asthma inhalers in children",
        "hip fracture surgery in elderly", "antibiotics for pneumonia", "depression screening in primary care", "heparin for deep vein thrombosis",
        "dialysis timing in kidney failure", "beta blockers in heart failure", "smoking cessation in pregnancy", "vaccination of older adults",
    ];

    [Fact]
    public async Task Pgvector_and_the_in_memory_index_return_the_same_top_results()
    {
        var embedder = new HashedEmbedder();
        var memory = new InMemoryVectorIndex();
        var vectors = Texts.Select((t, i) => ((long)(i + 1), Guid.NewGuid(), embedder.Embed(t))).ToList();
        foreach (var (id, document, vector) in vectors)
        {
            memory.Upsert(id, document, vector);
        }

        using var server = PgliteServer.Start();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        (await PgVectorIndex.TryEnable(dataSource, CancellationToken.None)).Should().BeTrue();
        await using (var schema = dataSource.CreateCommand("CREATE SCHEMA IF NOT EXISTS knowledge; CREATE TABLE IF NOT EXISTS knowledge.chunks (id bigint PRIMARY KEY)"))
        {
            await schema.ExecuteNonQueryAsync();
        }

        await using (var chunks = dataSource.CreateCommand("INSERT INTO knowledge.chunks SELECT unnest(@ids)"))
        {
            chunks.Parameters.AddWithValue("ids", vectors.Select(v => v.Item1).ToArray());
            await chunks.ExecuteNonQueryAsync();
        }

        using var pgvector = new PgVectorIndex(server.ConnectionString);
        await pgvector.EnsureTable(64, CancellationToken.None);
        await using (var connection = await pgvector.DataSource.OpenConnectionAsync())
        {
            await PgVectorIndex.Upsert(connection, null, "hashed", vectors, CancellationToken.None);
        }

        foreach (var query in new[] { "kidney disease statins", "heart attack aspirin", "diabetes insulin" })
        {
            var q = embedder.Embed(query);
            var fromMemory = await memory.Search(q, "hashed", 3, null, CancellationToken.None);
            var fromPgvector = await pgvector.Search(q, "hashed", 3, null, CancellationToken.None);
            fromPgvector.Select(h => h.ChunkId).Should().Equal(fromMemory.Select(h => h.ChunkId), $"for '{query}'");
            fromPgvector[0].Score.Should().BeApproximately(fromMemory[0].Score, 1e-4);
        }
    }

    /// <summary>One PGlite server for the test, on a free port, stopped (by its process id) when disposed.</summary>
    private sealed class PgliteServer : IDisposable
    {
        private readonly Process process;
        private readonly string directory;

        private PgliteServer(Process process, int port, string directory)
        {
            this.process = process;
            this.directory = directory;
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Pooling=false;SSL Mode=Disable;Timeout=30;Command Timeout=60";
        }

        public string ConnectionString { get; }

        public static PgliteServer Start()
        {
            var nodeDir = Path.Combine(AppContext.BaseDirectory, "PgVector", "node");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && !Directory.Exists(Path.Combine(nodeDir, "node_modules")); dir = dir.Parent)
            {
                nodeDir = Path.Combine(dir.FullName, "tests", "VoiceAssist.Knowledge.Tests", "PgVector", "node");
            }

            var port = LocalProcess.FreePort();
            var data = LocalProcess.NewTempDirectory("va-pglite");
            var start = new ProcessStartInfo("node") { WorkingDirectory = nodeDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "node_modules/@electric-sql/pglite-socket/dist/scripts/server.js", $"--port={port}", $"--db=memory://", "--extensions=@electric-sql/pglite-pgvector:vector", "--max-connections=8" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new PgliteServer(process, port, data);
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (true)
            {
                try
                {
                    using var connection = new NpgsqlConnection(server.ConnectionString);
                    connection.Open();
                    return server;
                }
                catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    Thread.Sleep(250);
                }
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }
}
