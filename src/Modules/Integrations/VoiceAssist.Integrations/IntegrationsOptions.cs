namespace VoiceAssist.Integrations;

/// <summary>Settings of the Integrations module (section <c>Integrations</c>).</summary>
internal sealed class IntegrationsOptions
{
    public const string Section = "Integrations";

    /// <summary>Networks (CIDR, e.g. <c>10.20.0.0/16</c> or <c>127.0.0.1/32</c>) an administrator allows linked
    /// servers to be in although they are loopback, private or link-local. Empty by default: only public addresses,
    /// so a link cannot be used to reach VoiceAssist's own network.</summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>The time zone of a link made without one (IANA id).</summary>
    public string DefaultTimeZone { get; set; } = "Europe/London";
}
