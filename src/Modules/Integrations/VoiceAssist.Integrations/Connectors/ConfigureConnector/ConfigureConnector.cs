using FluentValidation;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Contracts.Administration;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Connectors.ConfigureConnector;

internal sealed class ConfigureConnectorValidator : AbstractValidator<Contracts.Administration.ConfigureConnector>
{
    public ConfigureConnectorValidator()
    {
        RuleFor(c => c.Kind).Must(kind => ConnectorKinds.All.Contains(kind))
            .WithMessage($"Kind must be one of: {string.Join(", ", ConnectorKinds.All)}.");
        RuleFor(c => c.BaseUrl).NotEmpty().MaximumLength(2000)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "imaps" or "imap")
            .WithMessage("BaseUrl must be an absolute http(s) or imap(s) URL.");
        RuleFor(c => c.Reason).MaximumLength(500);
    }
}

internal sealed class ConfigureConnectorHandler(IntegrationsDbContext db, AdministrativeChanges changes, TimeProvider time) : IRequestHandler<Contracts.Administration.ConfigureConnector, ConnectorStatus>
{
    public async Task<ConnectorStatus> Handle(Contracts.Administration.ConfigureConnector request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connector = await db.Connectors.FindAsync([request.Kind], cancellationToken);
        var before = connector is null ? null : AdministrativeChanges.Snapshot(new { connector.BaseUrl, connector.Enabled });
        if (connector is null)
        {
            connector = new Connector { Kind = request.Kind, BaseUrl = request.BaseUrl };
            db.Connectors.Add(connector);
        }

        connector.BaseUrl = request.BaseUrl;
        connector.Enabled = request.Enabled;
        connector.UpdatedAt = now;
        db.AddIntegrationEvent(new ConnectorConfigured(Guid.CreateVersion7(), now, connector.Kind, connector.Enabled));
        db.AddIntegrationEvent(changes.Describe("integrations.connector.changed", "connector", connector.Kind, request.Reason,
            before, AdministrativeChanges.Snapshot(new { connector.BaseUrl, connector.Enabled })));
        await db.SaveChangesAsync(cancellationToken);
        return new ConnectorStatus(connector.Kind, true, connector.Enabled, connector.BaseUrl, now);
    }
}
