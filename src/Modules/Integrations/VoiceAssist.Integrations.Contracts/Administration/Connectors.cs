using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Integrations.Contracts.Administration;

/// <summary>Every connector kind, configured or not, so the console can show what is missing.</summary>
public sealed record ListConnectors : IQuery<IReadOnlyList<ConnectorStatus>>;

public sealed record ConnectorStatus(string Kind, bool Configured, bool Enabled, string? BaseUrl, DateTimeOffset? UpdatedAt);

/// <summary>Points a connector kind at a server (CalDAV, IMAP, WebDAV) and switches it on or off; an administrator's
/// change, audited with the values before and after and the <paramref name="Reason"/> given.</summary>
public sealed record ConfigureConnector(string Kind, string BaseUrl, bool Enabled, string? Reason = null) : ICommand<ConnectorStatus>;
