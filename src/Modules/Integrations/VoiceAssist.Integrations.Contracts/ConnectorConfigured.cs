using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Integrations.Contracts;

/// <summary>An administrator changed how VoiceAssist reaches a calendar, mail or file server.</summary>
public sealed record ConnectorConfigured(Guid EventId, DateTimeOffset OccurredAt, string Kind, bool Enabled) : IIntegrationEvent;

/// <summary>The kinds of external system a connector reaches.</summary>
public static class ConnectorKinds
{
    public const string Calendar = "calendar";
    public const string Mail = "mail";
    public const string Files = "files";

    public static readonly IReadOnlyList<string> All = [Calendar, Mail, Files];
}
