using Microsoft.Extensions.Options;

namespace VoiceAssist.Knowledge.LicensedSources;

/// <summary>The licensed sources that are both enabled in configuration and backed by a registered connector.
/// A source enabled without a connector is reported, not silently ignored.</summary>
internal sealed class LicensedSourceRegistry(IEnumerable<ILicensedSourceConnector> connectors, IOptions<KnowledgeOptions> options)
{
    public IReadOnlyList<(ILicensedSourceConnector Connector, LicensedSourceSettings Settings)> Enabled() =>
        connectors.Select(c => (Connector: c, Settings: options.Value.LicensedSources.Sources.GetValueOrDefault(c.Name)))
            .Where(c => c.Settings is { Enabled: true })
            .Select(c => (c.Connector, c.Settings!))
            .ToList();

    /// <summary>Names enabled in configuration for which no connector is installed.</summary>
    public IReadOnlyList<string> Unconnected() =>
        options.Value.LicensedSources.Sources.Where(s => s.Value.Enabled && !connectors.Any(c => string.Equals(c.Name, s.Key, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Key).ToList();
}
