using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;

/// <summary>Walks the audit trail in chain order, recomputing each hash, and reports the first entry whose link or
/// content no longer matches: an edit, a deletion (a gap in the sequence) or an insertion out of band.</summary>
internal sealed record VerifyAuditChain : IQuery<AuditChainVerification>;

internal sealed record AuditChainVerification(bool Intact, long EntriesVerified, BrokenLink? FirstBrokenLink);

internal sealed record BrokenLink(long ChainSequence, long EntryId, string Reason);

internal sealed class VerifyAuditChainHandler(ComplianceDbContext db) : IRequestHandler<VerifyAuditChain, AuditChainVerification>
{
    public async Task<AuditChainVerification> Handle(VerifyAuditChain request, CancellationToken cancellationToken)
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
                return new AuditChainVerification(false, verified, new BrokenLink(entry.ChainSequence, entry.Id, reason));
            }

            previous = entry.Hash!;
            expectedSequence++;
            verified++;
        }

        return new AuditChainVerification(true, verified, null);
    }
}
