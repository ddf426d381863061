using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Passkeys.ListPasskeys;

/// <summary>The caller's own passkeys, oldest first.</summary>
internal sealed record ListPasskeys(Guid UserId) : IQuery<IReadOnlyList<PasskeySummary>>;

/// <summary>What the user sees of a passkey: its name and dates, and whether it is synced to other devices.</summary>
internal sealed record PasskeySummary(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool BackedUp)
{
    public static PasskeySummary Of(Passkey passkey) => new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt, passkey.IsBackedUp);
}

internal sealed class ListPasskeysHandler(IdentityDbContext db) : IRequestHandler<ListPasskeys, IReadOnlyList<PasskeySummary>>
{
    public async Task<IReadOnlyList<PasskeySummary>> Handle(ListPasskeys request, CancellationToken cancellationToken) =>
        await db.Passkeys.AsNoTracking()
            .Where(p => p.UserId == request.UserId)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeySummary(p.Id, p.Name, p.CreatedAt, p.LastUsedAt, p.IsBackedUp))
            .ToListAsync(cancellationToken);
}
