using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Accounts.UnlinkAccount;

/// <summary>Removes a link and its stored password. A personal link is removed only by its owner (to anyone else it
/// does not exist); a shared folder by an administrator.</summary>
internal sealed record UnlinkAccount(string OwnerId, bool CallerIsAdmin, Guid Id) : ICommand<Unit>;

internal sealed class UnlinkAccountHandler(IntegrationsDbContext db) : IRequestHandler<UnlinkAccount, Unit>
{
    public async Task<Unit> Handle(UnlinkAccount request, CancellationToken cancellationToken)
    {
        var account = await db.LinkedAccounts.SingleOrDefaultAsync(
                a => a.Id == request.Id && ((a.Scope == LinkScopes.Personal && a.OwnerId == request.OwnerId) || (request.CallerIsAdmin && a.Scope == LinkScopes.Shared)),
                cancellationToken)
            ?? throw new NotFoundException("Linked account", request.Id);
        db.LinkedAccounts.Remove(account);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
