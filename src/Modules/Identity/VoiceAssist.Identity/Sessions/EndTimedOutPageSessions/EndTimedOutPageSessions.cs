using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Sessions.EndTimedOutPageSessions;

/// <summary>Ends page sessions whose deadline passed while nobody was there to see it (the tab closed, the workstation
/// left), so every automatic logoff is in the audit trail when it happens, not when the browser next calls. A session
/// the page calls about first is ended there (<see cref="PageSessions.FindActive"/>); rows are locked and skipped when
/// locked, so replicas and requests never record one logoff twice.</summary>
internal sealed partial class EndTimedOutPageSessions(
    IServiceScopeFactory scopes, IOptions<PageSessionSettings> options, TimeProvider time, ILogger<EndTimedOutPageSessions> logger) : BackgroundService
{
    private const int BatchSize = 500;

    public async Task<int> EndDue(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var pages = scope.ServiceProvider.GetRequiredService<PageSessions>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.Sessions
            .FromSql($"""
                SELECT * FROM identity.sessions
                WHERE kind = 'page' AND revoked_at IS NULL AND (idle_expires_at <= {now} OR expires_at <= {now})
                ORDER BY idle_expires_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in due)
        {
            pages.EndIfTimedOut(session, now);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                while (await EndDue(stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unreachable; the next tick tries again.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending timed-out page sessions failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
