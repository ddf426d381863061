namespace VoiceAssist.Integrations.Accounts;

/// <summary>A link as the API shows it: everything but the secret, which never leaves the module.</summary>
internal sealed record LinkedAccountView(
    Guid Id, string Kind, string Scope, string ServerUrl, string? SmtpUrl, string UserName, string TimeZone,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? LastError, DateTimeOffset? LastErrorAt)
{
    public static LinkedAccountView Of(LinkedAccount account) => new(
        account.Id, account.Kind, account.Scope, account.ServerUrl, account.SmtpUrl, account.UserName, account.TimeZone,
        account.CreatedAt, account.UpdatedAt, account.LastError, account.LastErrorAt);
}
