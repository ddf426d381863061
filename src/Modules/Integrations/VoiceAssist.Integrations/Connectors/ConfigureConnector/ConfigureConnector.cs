using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Connectors.ListConnectors;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Connectors.ConfigureConnector;

/// <summary>Points a connector kind at a server (CalDAV, IMAP, WebDAV) and switches it on or off.</summary>
internal sealed record ConfigureConnector(string Kind, string BaseUrl, bool Enabled) : ICommand<ConnectorStatus>;

internal sealed class ConfigureConnectorValidator : AbstractValidator<ConfigureConnector>
{
    public ConfigureConnectorValidator()
    {
        RuleFor(c => c.Kind).Must(kind => ConnectorKinds.All.Contains(kind))
            .WithMessage($"Kind must be one of: {string.Join(", ", ConnectorKinds.All)}.");
        RuleFor(c => c.BaseUrl).NotEmpty().MaximumLength(2000)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "imaps" or "imap")
            .WithMessage("BaseUrl must be an absolute http(s) or imap(s) URL.");
    }
}

internal sealed class ConfigureConnectorHandler(IntegrationsDbContext db, TimeProvider time) : IRequestHandler<ConfigureConnector, ConnectorStatus>
{
    public async Task<ConnectorStatus> Handle(ConfigureConnector request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connector = await db.Connectors.FindAsync([request.Kind], cancellationToken);
        if (connector is null)
        {
            connector = new Connector { Kind = request.Kind, BaseUrl = request.BaseUrl };
            db.Connectors.Add(connector);
        }

        connector.BaseUrl = request.BaseUrl;
        connector.Enabled = request.Enabled;
        connector.UpdatedAt = now;
        db.AddIntegrationEvent(new ConnectorConfigured(Guid.CreateVersion7(), now, connector.Kind, connector.Enabled));
        await db.SaveChangesAsync(cancellationToken);
        return new ConnectorStatus(connector.Kind, true, connector.Enabled, connector.BaseUrl, now);
    }
}
