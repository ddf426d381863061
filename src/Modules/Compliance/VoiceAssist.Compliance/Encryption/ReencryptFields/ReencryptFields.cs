using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.Encryption.ReencryptFields;

/// <summary>The re-encryption job: rewrites every encrypted PHI column of every module under the newest key (and
/// encrypts values written before their column was encrypted). Safe to run while the host serves requests.</summary>
internal sealed record ReencryptFields : ICommand<FieldsReencrypted>;

internal sealed record FieldsReencrypted(int ActiveKeyId, long ValuesRewritten, IReadOnlyList<string> Columns);

internal sealed class ReencryptFieldsHandler(FieldReencryption reencryption, KeyRing keyRing, AuditRecorder audit)
    : IRequestHandler<ReencryptFields, FieldsReencrypted>
{
    public async Task<FieldsReencrypted> Handle(ReencryptFields request, CancellationToken cancellationToken)
    {
        var rewritten = await reencryption.Run(cancellationToken);
        var columns = reencryption.Columns().Select(c => $"{c.Schema}.{c.Table}.{c.Column}").ToList();
        audit.Add(AuditActions.FieldsReencrypted, "encryption_key", keyRing.ActiveKeyId.ToString(CultureInfo.InvariantCulture),
            reason: $"{rewritten} values rewritten");
        return new FieldsReencrypted(keyRing.ActiveKeyId, rewritten, columns);
    }
}

internal static class ReencryptFieldsEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/encryption/reencrypt", (ISender sender, CancellationToken ct) => sender.Send(new ReencryptFields(), ct))
            .WithName(nameof(ReencryptFields))
            .RequireAuthorization(Policies.Admin);
}
