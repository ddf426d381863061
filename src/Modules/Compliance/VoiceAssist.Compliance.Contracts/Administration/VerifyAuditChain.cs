using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts.Administration;

/// <summary>Walks the whole audit trail in chain order, recomputing every hash, and reports the first entry whose link
/// or content no longer matches. Administrators and auditors only; each verification is recorded in the trail with
/// its result.</summary>
public sealed record VerifyAuditChain : IQuery<AuditChainVerification>;

/// <summary><see cref="Intact"/> when every entry links and matches; otherwise <see cref="FirstBrokenLink"/> names
/// the first one that does not and <see cref="EntriesVerified"/> counts the entries checked before it.</summary>
public sealed record AuditChainVerification(bool Intact, long EntriesVerified, BrokenLink? FirstBrokenLink, TimeSpan Duration);

/// <summary>Where the chain breaks and why: <c>content does not match its hash</c> (an entry was edited),
/// <c>does not link to the entry before it</c> (a predecessor was replaced) or <c>expected chain position N: an entry
/// is missing</c> (an entry was deleted).</summary>
public sealed record BrokenLink(long ChainSequence, long EntryId, string Reason);
