namespace VoiceAssist.Knowledge.LicensedSources;

/// <summary>The seam for licensed clinical references (UpToDate, OpenEvidence and the like). Their APIs are
/// available only under a customer's own agreement with the vendor, so this project ships no implementation: a
/// deployment that holds a licence registers a connector written against the vendor's documentation, with
/// <c>services.AddSingleton&lt;ILicensedSourceConnector, TheConnector&gt;()</c>, and enables it under
/// <c>Knowledge:LicensedSources:Sources:{Name}</c>. Results are cited, never stored: licences generally forbid
/// keeping the content.</summary>
internal interface ILicensedSourceConnector
{
    /// <summary>The name the source is configured under, e.g. "UpToDate".</summary>
    string Name { get; }

    Task<IReadOnlyList<LicensedSourceResult>> Search(string query, int maxResults, LicensedSourceSettings settings, CancellationToken cancellationToken);
}

/// <summary>One result of a licensed source, as it may be shown and cited.</summary>
internal sealed record LicensedSourceResult(string Source, string Title, Uri Url, string Excerpt, string Reference, DateOnly? LastUpdated);
