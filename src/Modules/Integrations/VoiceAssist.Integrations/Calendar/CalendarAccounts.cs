using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.Integrations.Accounts;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations.Calendar;

/// <summary>The owner's calendar link, and the record of how the last call to it went (shown in Settings).</summary>
internal sealed class CalendarAccounts(IntegrationsDbContext db, IOptions<IntegrationsOptions> options, TimeProvider time)
{
    public async Task<(LinkedAccount? Account, TimeZoneInfo Zone)> Find(string ownerId, CancellationToken cancellationToken)
    {
        var account = await db.LinkedAccounts.SingleOrDefaultAsync(
            a => a.OwnerId == ownerId && a.Kind == ConnectorKinds.Calendar && a.Scope == LinkScopes.Personal, cancellationToken);
        var zoneId = account?.TimeZone ?? options.Value.DefaultTimeZone;
        return (account, TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc);
    }

    public static CalendarConnection Connection(LinkedAccount account) =>
        new(new Uri(account.ServerUrl.EndsWith('/') ? account.ServerUrl : account.ServerUrl + "/"), account.UserName, account.Secret);

    /// <summary>Records the outcome of a call: the failure in words, or that it works again.</summary>
    public async Task Record(LinkedAccount account, string? error, CancellationToken cancellationToken)
    {
        if (account.LastError == error)
        {
            return;
        }

        account.LastError = error;
        account.LastErrorAt = error is null ? null : time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
