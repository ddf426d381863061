using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;

/// <summary>Walks the audit trail in chain order, recomputing each hash, and reports the first entry whose link or
/// content no longer matches: an edit, a deletion (a gap in the sequence) or an insertion out of band. The result is
/// itself recorded, so the trail shows who checked it, when, and what they found.</summary>
internal sealed class VerifyAuditChainHandler(ComplianceDbContext db, AuditRecorder recorder, ICurrentUser user)
    : IRequestHandler<Contracts.Administration.VerifyAuditChain, AuditChainVerification>
{
    /// <summary>Each verification's outcome, so that a broken chain raises an alert (VoiceAssistAuditChainBroken).</summary>
    private static readonly Counter<long> Verifications = Telemetry.Meter.CreateCounter<long>(
        "voiceassist.audit.chain.verifications", "{verification}", "Audit chain verifications by result (intact, broken)");

    public async Task<AuditChainVerification> Handle(Contracts.Administration.VerifyAuditChain request, CancellationToken cancellationToken)
    {
        AuditReaders.Demand(user);
        var clock = Stopwatch.StartNew();
        var (verified, broken) = await AuditChainVerifier.Walk(db, cancellationToken);
        var result = new AuditChainVerification(broken is null, verified, broken, clock.Elapsed);
        Verifications.Add(1, new KeyValuePair<string, object?>("result", broken is null ? "intact" : "broken"));
        var summary = broken is null
            ? string.Create(CultureInfo.InvariantCulture, $"intact: {verified} entries verified")
            : string.Create(CultureInfo.InvariantCulture, $"broken at chain position {broken.ChainSequence} (entry {broken.EntryId}): {broken.Reason}; {verified} entries verified before it");
        await recorder.Record(AuditActions.AuditChainVerified, "audit_trail", "chain", broken is null ? AuditOutcomes.Succeeded : AuditOutcomes.Failed, summary,
            cancellationToken);
        return result;
    }
}

/// <summary>The walk itself: from the anchor (or the genesis) through every entry in chain order, stopping at the first
/// one that does not follow.</summary>
internal static class AuditChainVerifier
{
    public static async Task<(long Verified, BrokenLink? Broken)> Walk(ComplianceDbContext db, CancellationToken cancellationToken)
    {
        // After a retention purge the chain starts from the anchor the purge left, not from the genesis.
        var anchor = await db.AuditChainAnchors.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var previous = anchor?.Hash ?? AuditChain.Genesis;
        var expectedSequence = (anchor?.ChainSequence ?? 0) + 1;
        var verified = 0L;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainSequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var reason = entry.ChainSequence != expectedSequence ? $"expected chain position {expectedSequence}: an entry is missing"
                : entry.PreviousHash is null || !entry.PreviousHash.AsSpan().SequenceEqual(previous) ? "does not link to the entry before it"
                : entry.Hash is null || !entry.Hash.AsSpan().SequenceEqual(AuditChain.Hash(previous, entry)) ? "content does not match its hash"
                : null;
            if (reason is not null)
            {
                return (verified, new BrokenLink(entry.ChainSequence, entry.Id, reason));
            }

            previous = entry.Hash!;
            expectedSequence++;
            verified++;
        }

        return (verified, null);
    }
}
