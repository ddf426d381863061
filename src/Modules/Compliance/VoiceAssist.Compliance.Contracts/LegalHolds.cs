using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Compliance.Contracts;

/// <summary>The legal holds in force that protect a user's data from deletion: asked by the modules that delete a user's
/// records (after offboarding) before they delete anything.</summary>
public sealed record GetLegalHolds(string UserId) : IQuery<LegalHolds>;

/// <summary>Whether everything about the user is held, and the ids of single resources under a hold (any owner's: a
/// resource hold names the resource only).</summary>
public sealed record LegalHolds(bool UserHeld, IReadOnlyList<string> HeldResourceIds);
