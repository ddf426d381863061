using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Voice.Contracts.Administration;

namespace VoiceAssist.Admin.Dashboard;

/// <summary>The console's front page: is everything up, how busy is it, how fast does it answer. The page renders the
/// figures once and then refreshes them every few seconds from <c>?handler=Status</c> (a background request, which does
/// not keep the session alive).</summary>
internal sealed class IndexModel(ISender sender) : PageModel
{
    public DashboardStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            // Auditors have the audit pages only; their console starts there.
            return Redirect("/admin/audit");
        }

        Status = await sender.Send(new Query(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetStatus(CancellationToken cancellationToken) =>
        User.IsInRole(Roles.Admin) ? new JsonResult(await sender.Send(new Query(), cancellationToken)) : Forbid();

    internal sealed record Query : IQuery<DashboardStatus>;

    internal sealed class Handler(ISender sender, HealthCheckService health, OutboxMaintenance outbox, ReplicaMetrics replica, TimeProvider time)
        : IRequestHandler<Query, DashboardStatus>
    {
        public async Task<DashboardStatus> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var hourAgo = now.AddHours(-1);
            var report = await health.CheckHealthAsync(cancellationToken);
            var backlog = await outbox.Backlog(cancellationToken);
            var voiceHour = await sender.Send(new GetVoiceActivity(hourAgo, TimeSpan.FromMinutes(1)), cancellationToken);
            var voiceDay = await sender.Send(new GetVoiceActivity(now.AddDays(-1), TimeSpan.FromHours(1)), cancellationToken);
            var knowledge = await sender.Send(new GetKnowledgeBaseStatus(), cancellationToken);
            var waiting = knowledge.DocumentsByStatus.Where(s => s.Key is not ("ready" or "failed")).Sum(s => s.Value);
            var traffic = replica.Since(hourAgo);
            var search = replica.SearchPercentiles(hourAgo);
            var requests = traffic.Sum(m => m.Requests);
            var errors = traffic.Sum(m => m.ServerErrors);
            return new DashboardStatus(
                now,
                report.Entries.Select(e => new DependencyStatus(e.Key, e.Value.Status.ToString(), e.Value.Description)).OrderBy(d => d.Name, StringComparer.Ordinal).ToList(),
                backlog.Pending,
                backlog.DeadLettered,
                backlog.OldestPendingAt is { } oldest ? new DateTimeOffset(oldest, TimeSpan.Zero) : null,
                voiceHour.OpenSocketsOnThisReplica,
                voiceHour.Turns / 60.0,
                voiceHour.FirstAudioP50Ms,
                voiceHour.FirstAudioP95Ms,
                search.P50,
                search.P95,
                knowledge.Documents,
                waiting,
                knowledge.PassagesWaitingForVectors,
                requests,
                requests == 0 ? null : Math.Round(100.0 * errors / requests, 2),
                voiceHour.Buckets.Select(b => new SeriesPoint(b.Start.ToUnixTimeSeconds(), b.Turns, b.FirstAudioP95Ms)).ToList(),
                voiceDay.Buckets.Select(b => new SeriesPoint(b.Start.ToUnixTimeSeconds(), b.Turns, b.FirstAudioP95Ms)).ToList(),
                traffic.Select(m => new TrafficPoint(m.Start.ToUnixTimeSeconds(), m.Requests, m.ServerErrors, m.SearchP95Ms)).ToList());
        }
    }
}

/// <summary>Everything the dashboard shows; also its JSON refresh.</summary>
internal sealed record DashboardStatus(
    DateTimeOffset At,
    IReadOnlyList<DependencyStatus> Dependencies,
    long OutboxPending,
    long OutboxDeadLettered,
    DateTimeOffset? OutboxOldestPendingAt,
    int OpenVoiceSockets,
    double TurnsPerMinute,
    double? FirstAudioP50Ms,
    double? FirstAudioP95Ms,
    double? SearchP50Ms,
    double? SearchP95Ms,
    int Documents,
    int DocumentsWaiting,
    long PassagesWaitingForEmbedding,
    int RequestsLastHour,
    double? ErrorRatePercent,
    IReadOnlyList<SeriesPoint> VoiceLastHour,
    IReadOnlyList<SeriesPoint> VoiceLastDay,
    IReadOnlyList<TrafficPoint> TrafficLastHour);

internal sealed record DependencyStatus(string Name, string Status, string? Description);

/// <summary>A bucket of spoken turns: its start (Unix seconds), turns, p95 end of speech to first audio.</summary>
internal sealed record SeriesPoint(long T, int Turns, double? P95Ms);

/// <summary>A minute of this replica's requests.</summary>
internal sealed record TrafficPoint(long T, int Requests, int Errors, double? SearchP95Ms);
