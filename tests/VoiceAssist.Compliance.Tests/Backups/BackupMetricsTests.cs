using System.Globalization;
using System.Security.Cryptography;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Backups;

/// <summary>What the VoiceAssistBackupTooOld alert reads: backup.sh's metrics file, in Prometheus's text format.</summary>
public sealed class BackupMetricsTests : IDisposable
{
    private readonly string work = LocalProcess.NewTempDirectory("va-backup-metrics");

    [Fact]
    public void A_successful_backup_records_when_it_finished_and_its_size_and_a_failed_one_leaves_the_record_alone()
    {
        var passphraseFile = Path.Combine(work, "passphrase");
        File.WriteAllText(passphraseFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var metricsFile = Path.Combine(work, "textfile", "voiceassist_backup.prom");
        var database = SharedServers.Postgres.CreateDatabase();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var backup = Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(database), "--passphrase-file", passphraseFile,
            "--out", Path.Combine(work, "backups"), "--keep", "1", "--metrics-file", metricsFile);

        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var metrics = Parse(File.ReadAllText(metricsFile));
        metrics["voiceassist_backup_last_success_timestamp_seconds"].Should().BeInRange(before, after);
        metrics["voiceassist_backup_last_size_bytes"].Should().Be(new FileInfo(backup).Length);
        metrics["voiceassist_backup_last_duration_seconds"].Should().BeInRange(0, after - before);
        LocalProcess.Run("bash", "-c", "promtool check metrics < \"$1\"", "check", metricsFile);

        var recorded = File.ReadAllText(metricsFile);
        var failing = () => Scripts.Run("backup.sh", "--dbname", Scripts.Libpq(database).Replace("dbname=", "dbname=missing_", StringComparison.Ordinal),
            "--passphrase-file", passphraseFile, "--out", Path.Combine(work, "backups"), "--keep", "1", "--metrics-file", metricsFile);
        failing.Should().Throw<InvalidOperationException>();
        File.ReadAllText(metricsFile).Should().Be(recorded, "only a successful backup moves the time the alert watches");
    }

    private static Dictionary<string, long> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
