using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Accounts.ListAccounts;

/// <summary>The caller's own links, and for an administrator the shared folders too; never a secret.</summary>
internal sealed record ListAccounts(string OwnerId, bool CallerIsAdmin) : IQuery<IReadOnlyList<LinkedAccountView>>;

internal sealed class ListAccountsHandler(IntegrationsDbContext db) : IRequestHandler<ListAccounts, IReadOnlyList<LinkedAccountView>>
{
    public async Task<IReadOnlyList<LinkedAccountView>> Handle(ListAccounts request, CancellationToken cancellationToken)
    {
        var accounts = await db.LinkedAccounts.AsNoTracking()
            .Where(a => (a.Scope == LinkScopes.Personal && a.OwnerId == request.OwnerId) || (request.CallerIsAdmin && a.Scope == LinkScopes.Shared))
            .OrderBy(a => a.Kind).ThenBy(a => a.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. accounts.Select(LinkedAccountView.Of)];
    }
}
