using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Voice.Contracts.Administration;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.VoiceSessions.SignInSession;

namespace VoiceAssist.Voice.VoiceSessions.GetVoiceActivity;

internal sealed class GetVoiceActivityValidator : AbstractValidator<Contracts.Administration.GetVoiceActivity>
{
    public GetVoiceActivityValidator()
    {
        RuleFor(q => q.Bucket).InclusiveBetween(TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    }
}

internal sealed class GetVoiceActivityHandler(VoiceDbContext db, OpenVoiceSockets sockets)
    : IRequestHandler<Contracts.Administration.GetVoiceActivity, VoiceActivity>
{
    private sealed record Row(DateTimeOffset? Bucket, int Turns, double? P50, double? P95);

    public async Task<VoiceActivity> Handle(Contracts.Administration.GetVoiceActivity request, CancellationToken cancellationToken)
    {
        // One pass: the grouping sets give the whole period (bucket NULL) and each bucket, with the same percentiles.
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT date_bin({request.Bucket}, end_of_speech_at, {request.Since}) AS "Bucket",
                   count(*)::int AS "Turns",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY first_audio_ms) AS "P50",
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY first_audio_ms) AS "P95"
              FROM voice.turn_timings
             WHERE end_of_speech_at >= {request.Since}
             GROUP BY GROUPING SETS ((1), ())
            """).ToListAsync(cancellationToken);
        var total = rows.SingleOrDefault(r => r.Bucket is null);
        var buckets = rows.Where(r => r.Bucket is not null)
            .OrderBy(r => r.Bucket)
            .Select(r => new VoiceActivityBucket(r.Bucket!.Value, r.Turns, Round(r.P50), Round(r.P95)))
            .ToList();
        return new VoiceActivity(sockets.Count, total?.Turns ?? 0, Round(total?.P50), Round(total?.P95), buckets);
    }

    private static double? Round(double? ms) => ms is { } value ? Math.Round(value, 1) : null;
}
