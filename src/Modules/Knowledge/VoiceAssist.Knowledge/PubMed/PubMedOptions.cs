namespace VoiceAssist.Knowledge.PubMed;

/// <summary>NCBI E-utilities settings (section <c>Knowledge:PubMed</c>).</summary>
internal sealed class PubMedOptions
{
    public const string HttpClientName = "ncbi-eutils";

    /// <summary>The E-utilities base address, ending in a slash.</summary>
    public Uri BaseUrl { get; set; } = new("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/");

    /// <summary>An NCBI API key raises the allowed rate from 3 to 10 requests per second.</summary>
    public string? ApiKey { get; set; }

    /// <summary>NCBI asks every caller to name its software (<c>tool</c>) and a contact address (<c>email</c>).</summary>
    public string Tool { get; set; } = "VoiceAssist";

    public string? Email { get; set; }

    /// <summary>Requests per second; 0 means NCBI's limit: 3 without an API key, 10 with one.</summary>
    public int RequestsPerSecond { get; set; }

    public int EffectiveRequestsPerSecond => RequestsPerSecond > 0 ? RequestsPerSecond : string.IsNullOrWhiteSpace(ApiKey) ? 3 : 10;
}
