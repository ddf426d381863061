namespace VoiceAssist.Knowledge.Guidelines;

/// <summary>Section <c>Knowledge:Guidelines</c>: the guideline pages and PDFs an administrator wants kept current.</summary>
internal sealed class GuidelineOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often each source is checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(24);

    public List<GuidelineSource> Sources { get; set; } = [];
}

internal sealed class GuidelineSource
{
    public string Name { get; set; } = "";

    /// <summary>An http(s) address of an HTML page or a PDF.</summary>
    public Uri? Url { get; set; }

    public string? Publisher { get; set; }

    public string? Licence { get; set; }

    public List<string> Tags { get; set; } = [];
}
