using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Connectors.ListConnectors;

/// <summary>Every connector kind, configured or not, so the console can show what is missing.</summary>
internal sealed record ListConnectors : IQuery<IReadOnlyList<ConnectorStatus>>;

internal sealed record ConnectorStatus(string Kind, bool Configured, bool Enabled, string? BaseUrl, DateTimeOffset? UpdatedAt);

internal sealed class ListConnectorsHandler(IntegrationsDbContext db) : IRequestHandler<ListConnectors, IReadOnlyList<ConnectorStatus>>
{
    public async Task<IReadOnlyList<ConnectorStatus>> Handle(ListConnectors request, CancellationToken cancellationToken)
    {
        var configured = await db.Connectors.AsNoTracking().ToDictionaryAsync(c => c.Kind, cancellationToken);
        return ConnectorKinds.All
            .Select(kind => configured.TryGetValue(kind, out var c)
                ? new ConnectorStatus(kind, true, c.Enabled, c.BaseUrl, c.UpdatedAt)
                : new ConnectorStatus(kind, false, false, null, null))
            .ToList();
    }
}
