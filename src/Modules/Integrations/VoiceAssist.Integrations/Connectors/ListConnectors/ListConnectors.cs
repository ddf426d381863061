using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Contracts.Administration;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Connectors.ListConnectors;

internal sealed class ListConnectorsHandler(IntegrationsDbContext db) : IRequestHandler<Contracts.Administration.ListConnectors, IReadOnlyList<ConnectorStatus>>
{
    public async Task<IReadOnlyList<ConnectorStatus>> Handle(Contracts.Administration.ListConnectors request, CancellationToken cancellationToken)
    {
        var configured = await db.Connectors.AsNoTracking().ToDictionaryAsync(c => c.Kind, cancellationToken);
        return ConnectorKinds.All
            .Select(kind => configured.TryGetValue(kind, out var c)
                ? new ConnectorStatus(kind, true, c.Enabled, c.BaseUrl, c.UpdatedAt)
                : new ConnectorStatus(kind, false, false, null, null))
            .ToList();
    }
}
