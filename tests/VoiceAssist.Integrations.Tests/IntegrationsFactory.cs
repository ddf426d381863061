using VoiceAssist.Testing;

namespace VoiceAssist.Integrations.Tests;

/// <summary>The host with loopback allowed as a linked server's network, as an administrator would allow the
/// hospital's own servers: the test servers (Radicale, Dovecot, Apache) listen on 127.0.0.1.</summary>
public sealed class IntegrationsFactory : VoiceAssistFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Integrations:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        ["HttpResilience:FirstRetryDelay"] = "00:00:00.020",
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
    };
}

/// <summary>The host as shipped: no internal network allowed for linked servers.</summary>
public sealed class LockedDownFactory : VoiceAssistFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
    };
}
