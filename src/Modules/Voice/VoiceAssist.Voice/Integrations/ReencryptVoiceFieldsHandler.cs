using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Voice.Contracts;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Integrations;

internal sealed class ReencryptVoiceFieldsHandler(VoiceDbContext db, FieldReencryption reencryption) : IRequestHandler<ReencryptVoiceFields, ModuleFieldsReencrypted>
{
    public Task<ModuleFieldsReencrypted> Handle(ReencryptVoiceFields request, CancellationToken cancellationToken) =>
        reencryption.Run(db, cancellationToken);
}
