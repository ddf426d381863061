using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Encryption;

/// <summary>At start, before the host serves a request: loads the key ring, so a master key that cannot unwrap it
/// stops the start with a message naming the fingerprints, and re-wraps every key still wrapped by one of
/// <c>Compliance:Encryption:PreviousMasterKeys</c> under <c>Compliance:Encryption:MasterKey</c>, one audit entry per
/// key. Changing the master key is then: start with the new key plus the old one as previous, then drop the old one.</summary>
internal sealed partial class MasterKeyRewrap(KeyRing keyRing, IServiceScopeFactory scopes, ILogger<MasterKeyRewrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(int KeyId, string PreviousMasterKeyId)> rewrapped;
        try
        {
            rewrapped = await keyRing.RewrapUnderCurrentMasterKey(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // No database yet (or not migrated): the ring is checked on first use instead; a master key mismatch is
            // not an NpgsqlException and still stops the start.
            LogNotChecked(logger, ex.Message);
            return;
        }

        if (rewrapped.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditRecorder>();
        foreach (var (keyId, previous) in rewrapped)
        {
            audit.Add(AuditActions.EncryptionKeyRewrapped, "encryption_key", keyId.ToString(CultureInfo.InvariantCulture),
                reason: $"re-wrapped from master key {previous}");
        }

        await scope.ServiceProvider.GetRequiredService<Data.ComplianceDbContext>().SaveChangesAsync(cancellationToken);
        LogRewrapped(logger, rewrapped.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-wrapped {Count} encryption keys under the current master key; the previous master key can now be removed from Compliance:Encryption:PreviousMasterKeys")]
    private static partial void LogRewrapped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encryption key ring not checked at start ({Reason}); it is checked on first use")]
    private static partial void LogNotChecked(ILogger logger, string reason);
}
