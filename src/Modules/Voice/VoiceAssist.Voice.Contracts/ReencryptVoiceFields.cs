using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.Voice.Contracts;

/// <summary>Rewrites the Voice module's encrypted columns under the newest key: the re-encryption job, sent by
/// Compliance after a key rotation. Not a command: it commits batch by batch and may run for a while.</summary>
public sealed record ReencryptVoiceFields : IRequest<ModuleFieldsReencrypted>;
