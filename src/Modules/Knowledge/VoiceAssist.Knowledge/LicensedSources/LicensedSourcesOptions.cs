namespace VoiceAssist.Knowledge.LicensedSources;

/// <summary>Section <c>Knowledge:LicensedSources</c>: each configured source by name.</summary>
internal sealed class LicensedSourcesOptions
{
    public Dictionary<string, LicensedSourceSettings> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What a connector may need; which fields a vendor uses is up to its connector.</summary>
internal sealed class LicensedSourceSettings
{
    public bool Enabled { get; set; }

    /// <summary>The vendor's API address from the customer's agreement.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Credentials; supply them from a secret store (environment or mounted secret), not appsettings.</summary>
    public string? ApiKey { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown beside results: the terms under which they may be used.</summary>
    public string? LicenceNote { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
