using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Voice.Contracts;

namespace VoiceAssist.Compliance.Encryption.ReencryptFields;

/// <summary>The re-encryption job: asks each module that holds encrypted PHI columns to rewrite them under the newest
/// key (and to encrypt values written before their column was encrypted). Safe to run while the host serves
/// requests. Each module rewrites only its own tables.</summary>
internal sealed record ReencryptFields : ICommand<FieldsReencrypted>;

internal sealed record FieldsReencrypted(int ActiveKeyId, long ValuesRewritten, IReadOnlyList<string> Columns);

internal sealed class ReencryptFieldsHandler(ISender sender, KeyRing keyRing, AuditRecorder audit)
    : IRequestHandler<ReencryptFields, FieldsReencrypted>
{
    public async Task<FieldsReencrypted> Handle(ReencryptFields request, CancellationToken cancellationToken)
    {
        ModuleFieldsReencrypted[] modules =
        [
            await sender.Send(new ReencryptVoiceFields(), cancellationToken),
            await sender.Send(new ReencryptKnowledgeFields(), cancellationToken),
            await sender.Send(new ReencryptIntegrationsFields(), cancellationToken),
        ];
        var rewritten = modules.Sum(m => m.ValuesRewritten);
        audit.Add(AuditActions.FieldsReencrypted, "encryption_key", keyRing.ActiveKeyId.ToString(CultureInfo.InvariantCulture),
            reason: $"{rewritten} values rewritten");
        return new FieldsReencrypted(keyRing.ActiveKeyId, rewritten, [.. modules.SelectMany(m => m.Columns)]);
    }
}

internal static class ReencryptFieldsEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/encryption/reencrypt", (ISender sender, CancellationToken ct) => sender.Send(new ReencryptFields(), ct))
            .WithName(nameof(ReencryptFields))
            .RequireAuthorization(Policies.Admin);
}
