using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Integrations;

internal sealed class ReencryptKnowledgeFieldsHandler(KnowledgeDbContext db, FieldReencryption reencryption) : IRequestHandler<ReencryptKnowledgeFields, ModuleFieldsReencrypted>
{
    public Task<ModuleFieldsReencrypted> Handle(ReencryptKnowledgeFields request, CancellationToken cancellationToken) =>
        reencryption.Run(db, cancellationToken);
}
