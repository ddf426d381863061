using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.Integrations.Contracts;

/// <summary>Rewrites the Integrations module's encrypted columns (linked servers' credentials) under the newest key: the
/// re-encryption job, sent by Compliance after a key rotation. Not a command: it commits batch by batch.</summary>
public sealed record ReencryptIntegrationsFields : IRequest<ModuleFieldsReencrypted>;
