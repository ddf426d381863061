namespace VoiceAssist.Integrations.Accounts;

/// <summary>A linked server's address: its scheme decides the protocol and whether TLS is used.</summary>
internal sealed record ServerAddress(Uri Uri, string Host, int Port, bool Encrypted)
{
    public static readonly string[] Http = ["https", "http"];
    public static readonly string[] Imap = ["imaps", "imap"];
    public static readonly string[] Smtp = ["smtps", "smtp"];

    public static bool TryParse(string? text, string[] schemes, out ServerAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0
            ? uri.Scheme switch { "https" => 443, "http" => 80, "imaps" => 993, "imap" => 143, "smtps" => 465, _ => 587 }
            : uri.Port;
        address = new ServerAddress(uri, uri.IdnHost, port, uri.Scheme is "https" or "imaps" or "smtps");
        return true;
    }
}
