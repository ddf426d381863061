using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;
using VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Compliance.Phi.Detection;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Throughput figures for docs/performance.md: PHI detection in KB of text per second, and audit trail
/// appends per second through the real consumer path against a PostgreSQL with default durability.</summary>
internal static class Throughput
{
    public static void Detection(string setPath, TimeSpan duration)
    {
        var texts = AnnotatedDocumentFile.Read(setPath).Select(d => d.Text).ToList();
        // Warm-up: dictionaries loaded, code jitted and promoted to optimised tiers before anything is timed.
        var detector = new PhiDetector();
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            detector.Detect(texts[i % texts.Count]);
        }

        var averageBytes = texts.Average(t => Encoding.UTF8.GetByteCount(t));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PHI detection on {setPath}: {texts.Count} notes, {averageBytes:0} bytes each on average; {Environment.ProcessorCount} cores"));
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var bytes = 0L;
            var documents = 0L;
            var detectors = Enumerable.Range(0, threads).Select(_ => new PhiDetector()).ToArray();
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
            {
                var own = detectors[thread];
                var i = thread * 7;
                while (clock.Elapsed < duration)
                {
                    var text = texts[i++ % texts.Count];
                    own.Detect(text);
                    Interlocked.Add(ref bytes, Encoding.UTF8.GetByteCount(text));
                    Interlocked.Increment(ref documents);
                }
            });
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PHI detection, {threads} thread(s): {bytes / 1024.0 / seconds:0} KB/s ({documents / seconds:0} notes/s) over {seconds:0.0} s"));
        }
    }

    public static async Task Audit(int entries, int[] concurrencies)
    {
        using var postgres = new LocalPostgres(durable: true);
        Console.WriteLine($"PostgreSQL (fsync on, synchronous_commit on) on 127.0.0.1:{postgres.Port}; {Environment.ProcessorCount} cores");
        foreach (var concurrency in concurrencies)
        {
            await using var dataSource = NpgsqlDataSource.Create(postgres.CreateDatabase());
            var module = new ModuleDescriptor("Compliance", "compliance", typeof(ComplianceDbContext), typeof(ComplianceDbContext).Assembly);
            await new SqlMigrator(dataSource, [module], NullLogger<SqlMigrator>.Instance).MigrateAll(CancellationToken.None);
            var options = new DbContextOptionsBuilder<ComplianceDbContext>().UseNpgsql(dataSource).Options;

            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, entries), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, ct) =>
            {
                await using var db = new ComplianceDbContext(options);
                await new AuditUserCreated(db).Consume(new UserCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "clinician"), ct);
            });
            var written = clock.Elapsed.TotalSeconds;

            clock.Restart();
            await using var verifyDb = new ComplianceDbContext(options);
            var (entriesVerified, broken) = await AuditChainVerifier.Walk(verifyDb, CancellationToken.None);
            var verification = (Intact: broken is null, EntriesVerified: entriesVerified);
            var verified = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Audit appends, {concurrency} writer(s): {entries} entries (each its own transaction with its inbox row) in {written:0.00} s = {entries / written:0} entries/s; " +
                $"chain verified ({verification.Intact}, {verification.EntriesVerified} entries) in {verified:0.00} s = {verification.EntriesVerified / verified:0} entries/s"));
        }
    }
}
