using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Integrations;

internal sealed class ReencryptIntegrationsFieldsHandler(IntegrationsDbContext db, FieldReencryption reencryption) : IRequestHandler<ReencryptIntegrationsFields, ModuleFieldsReencrypted>
{
    public Task<ModuleFieldsReencrypted> Handle(ReencryptIntegrationsFields request, CancellationToken cancellationToken) =>
        reencryption.Run(db, cancellationToken);
}
