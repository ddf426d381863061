using FluentValidation;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Contracts.Calendar;

namespace VoiceAssist.Integrations.Calendar.ChangeCalendarEvents;

internal sealed class ScheduleCalendarEventValidator : AbstractValidator<ScheduleCalendarEvent>
{
    public ScheduleCalendarEventValidator()
    {
        RuleFor(s => s.Summary).NotEmpty().MaximumLength(500);
        RuleFor(s => s.End).GreaterThan(s => s.Start).WithMessage("An event must end after it starts.");
    }
}

/// <summary>Creates, moves and cancels events on the owner's calendar server; each change is written only if the object
/// is still the version read (ETag), so a change made elsewhere meanwhile is never overwritten.</summary>
internal sealed class CalendarChangeHandlers(CalendarAccounts accounts, CalDavClient calDav, TimeProvider time)
    : IRequestHandler<ScheduleCalendarEvent, CalendarChange>, IRequestHandler<MoveCalendarEvent, CalendarChange>, IRequestHandler<CancelCalendarEvent, CalendarChange>
{
    public Task<CalendarChange> Handle(ScheduleCalendarEvent request, CancellationToken cancellationToken) =>
        Change(request.OwnerId, null, async (connection, zone) =>
        {
            var (uid, text) = CalendarObjects.NewEvent(request.Summary.Trim(), request.Start, request.End, zone, time.GetUtcNow());
            var href = new Uri(connection.CalendarUrl, Uri.EscapeDataString(uid) + ".ics");
            await calDav.Put(connection, href, text, etag: null, cancellationToken);
            return new CalendarEventView(EventIds.Of(href, null), request.Summary.Trim(), null,
                TimeZoneInfo.ConvertTime(request.Start, zone), TimeZoneInfo.ConvertTime(request.End, zone), false, false);
        }, cancellationToken);

    public Task<CalendarChange> Handle(MoveCalendarEvent request, CancellationToken cancellationToken) =>
        Change(request.OwnerId, request.EventId, async (connection, zone) =>
        {
            var (stored, calendar, recurrenceKey) = await Load(connection, request.EventId, cancellationToken);
            var text = CalendarObjects.Move(calendar, recurrenceKey, request.NewStart, zone, time.GetUtcNow());
            await calDav.Put(connection, stored.Href, text, stored.ETag, cancellationToken);
            return Reread(stored, text, recurrenceKey, request.NewStart, zone);
        }, cancellationToken);

    public Task<CalendarChange> Handle(CancelCalendarEvent request, CancellationToken cancellationToken) =>
        Change(request.OwnerId, request.EventId, async (connection, zone) =>
        {
            var (stored, calendar, recurrenceKey) = await Load(connection, request.EventId, cancellationToken);
            var before = Reread(stored, stored.Data, recurrenceKey, null, zone);
            if (CalendarObjects.CancelOccurrence(calendar, recurrenceKey, zone, time.GetUtcNow()) is { } text)
            {
                await calDav.Put(connection, stored.Href, text, stored.ETag, cancellationToken);
            }
            else
            {
                await calDav.Delete(connection, stored.Href, stored.ETag, cancellationToken);
            }

            return before;
        }, cancellationToken);

    private async Task<CalendarChange> Change(string ownerId, string? eventId, Func<CalendarConnection, TimeZoneInfo, Task<CalendarEventView?>> change, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(ownerId, cancellationToken);
        if (account is null)
        {
            return new CalendarChange(CalendarStatuses.NotLinked, "You haven't linked a calendar yet: add it under Settings, Linked accounts.", null);
        }

        var connection = CalendarAccounts.Connection(account);
        if (eventId is not null && (!EventIds.TryParse(eventId, out var href, out _) || href.GetLeftPart(UriPartial.Authority) != connection.CalendarUrl.GetLeftPart(UriPartial.Authority)
            || !href.AbsolutePath.StartsWith(connection.CalendarUrl.AbsolutePath, StringComparison.Ordinal)))
        {
            // An id that is not an event of this owner's calendar: as if it were gone, whoever made it up.
            return new CalendarChange(CalendarStatuses.Gone, "That event is not on your calendar; nothing was changed.", null);
        }

        try
        {
            var changed = await change(connection, zone);
            await accounts.Record(account, null, cancellationToken);
            return new CalendarChange(CalendarStatuses.Ok, null, changed);
        }
        catch (CalendarServerException failure)
        {
            if (failure.Status != CalendarStatuses.Gone)
            {
                await accounts.Record(account, failure.Message, cancellationToken);
            }

            return new CalendarChange(failure.Status, failure.Message, null);
        }
    }

    private async Task<(CalendarObject Stored, Ical.Net.Calendar Calendar, string? RecurrenceKey)> Load(CalendarConnection connection, string eventId, CancellationToken cancellationToken)
    {
        if (!EventIds.TryParse(eventId, out var href, out var recurrenceKey))
        {
            throw new CalendarServerException(CalendarStatuses.Gone, "That event is not on your calendar; nothing was changed.");
        }

        var stored = await calDav.Get(connection, href, cancellationToken);
        var calendar = CalendarObjects.TryLoad(stored.Data)
            ?? throw new CalendarServerException(CalendarStatuses.Gone, "That event can't be read (it is not valid iCalendar), so it was left as it is.");
        return (stored, calendar, recurrenceKey);
    }

    /// <summary>The occurrence as the stored text now has it, to confirm what was done.</summary>
    private static CalendarEventView? Reread(CalendarObject stored, string text, string? recurrenceKey, DateTimeOffset? near, TimeZoneInfo zone)
    {
        if (CalendarObjects.TryLoad(text) is not { } calendar)
        {
            return null;
        }

        var around = near ?? (recurrenceKey is { Length: >= 8 } key
            ? DateTimeOffset.ParseExact(key[..8], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
            : (DateTimeOffset?)null);
        var from = around?.AddDays(-2) ?? DateTimeOffset.UnixEpoch;
        var to = around?.AddDays(2) ?? DateTimeOffset.UtcNow.AddYears(5);
        var occurrences = CalendarObjects.Occurrences(stored, calendar, from, to, zone).ToList();
        return (near is { } start ? occurrences.FirstOrDefault(o => o.Start == start) : null)
            ?? occurrences.FirstOrDefault(o => EventIds.TryParse(o.Id, out _, out var k) && k == recurrenceKey)
            ?? occurrences.FirstOrDefault();
    }
}
