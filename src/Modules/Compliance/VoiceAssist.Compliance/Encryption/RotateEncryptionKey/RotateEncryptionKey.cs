using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.Encryption.RotateEncryptionKey;

/// <summary>Adds a new data key to the ring; new PHI is encrypted under it at once, and what was written under older
/// keys stays readable until <c>ReencryptFields</c> rewrites it.</summary>
internal sealed record RotateEncryptionKey : ICommand<KeyRotated>;

internal sealed record KeyRotated(int ActiveKeyId, IReadOnlyList<int> KeyIds);

internal sealed class RotateEncryptionKeyHandler(KeyRing keyRing, AuditRecorder audit) : IRequestHandler<RotateEncryptionKey, KeyRotated>
{
    public async Task<KeyRotated> Handle(RotateEncryptionKey request, CancellationToken cancellationToken)
    {
        var active = await keyRing.Rotate(cancellationToken);
        audit.Add(AuditActions.EncryptionKeyRotated, "encryption_key", active.ToString(CultureInfo.InvariantCulture));
        return new KeyRotated(active, [.. keyRing.KeyIds.Order()]);
    }
}

internal static class RotateEncryptionKeyEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/encryption/keys/rotate", (ISender sender, CancellationToken ct) => sender.Send(new RotateEncryptionKey(), ct))
            .WithName(nameof(RotateEncryptionKey))
            .RequireAuthorization(Policies.Admin);
}
