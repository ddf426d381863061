namespace VoiceAssist.Compliance.Contracts;

/// <summary>The names under which actions are recorded in the audit trail.</summary>
public static class AuditActions
{
    public const string DocumentIngested = "knowledge.document.ingested";
    public const string UserCreated = "identity.user.created";
    public const string ConversationStarted = "voice.conversation.started";
    public const string ConnectorConfigured = "integrations.connector.configured";
}
