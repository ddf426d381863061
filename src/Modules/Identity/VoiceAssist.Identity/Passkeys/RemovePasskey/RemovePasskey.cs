using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Passkeys.RemovePasskey;

/// <summary>A user removes one of their own passkeys (a lost or replaced device). Another user's passkey is 404: its
/// existence is not the caller's business.</summary>
internal sealed record RemovePasskey(Guid UserId, Guid PasskeyId) : ICommand<Unit>;

internal sealed class RemovePasskeyHandler(IdentityDbContext db, TimeProvider time) : IRequestHandler<RemovePasskey, Unit>
{
    public async Task<Unit> Handle(RemovePasskey request, CancellationToken cancellationToken)
    {
        var passkey = await db.Passkeys.FindAsync([request.PasskeyId], cancellationToken);
        if (passkey is null || passkey.UserId != request.UserId)
        {
            throw new NotFoundException("Passkey", request.PasskeyId);
        }

        db.Passkeys.Remove(passkey);
        db.AddIntegrationEvent(new PasskeyRemoved(Guid.CreateVersion7(), time.GetUtcNow(), request.UserId, passkey.Id));
        return Unit.Value;
    }
}
