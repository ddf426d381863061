namespace VoiceAssist.Integrations.Accounts;

/// <summary>A server a user reaches through VoiceAssist with their own credentials: their calendar (CalDAV), their
/// mail (IMAP and SMTP) or a files folder (WebDAV). A personal link is its owner's alone; a shared files folder is
/// linked by an administrator for everyone's knowledge base.</summary>
internal sealed class LinkedAccount
{
    public const string SecretPurpose = "integrations.linked_accounts.secret";

    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public required string Kind { get; set; }

    public required string Scope { get; set; }

    public required string ServerUrl { get; set; }

    /// <summary>Mail only: where replies are sent (<c>smtp://</c> or <c>smtps://</c>).</summary>
    public string? SmtpUrl { get; set; }

    public required string UserName { get; set; }

    /// <summary>The app password, encrypted at rest; never returned by the API or logged.</summary>
    public required string Secret { get; set; }

    /// <summary>The user's time zone (IANA), in which "tomorrow" and "at 3" are meant.</summary>
    public required string TimeZone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last failure reaching the server, in words the user can act on; null once it works again.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }
}

internal static class LinkScopes
{
    public const string Personal = "personal";
    public const string Shared = "shared";

    public static readonly IReadOnlyList<string> All = [Personal, Shared];
}
