using FluentValidation;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Contracts.Calendar;
using ListEvents = VoiceAssist.Integrations.Contracts.Calendar.ListCalendarEvents;

namespace VoiceAssist.Integrations.Calendar.ListCalendarEvents;

internal sealed class GetCalendarLinkHandler(CalendarAccounts accounts) : IRequestHandler<GetCalendarLink, CalendarLink>
{
    public async Task<CalendarLink> Handle(GetCalendarLink request, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(request.OwnerId, cancellationToken);
        return new CalendarLink(account is not null, zone.Id);
    }
}

internal sealed class ListCalendarEventsValidator : AbstractValidator<ListEvents>
{
    public ListCalendarEventsValidator()
    {
        RuleFor(l => l.OwnerId).NotEmpty();
        RuleFor(l => l.To).GreaterThan(l => l.From);
        RuleFor(l => l.To).Must((l, to) => to - l.From <= TimeSpan.FromDays(366)).WithMessage("Ask for at most a year of events at a time.");
    }
}

/// <summary>Reads the owner's events in a range from their CalDAV server. An object that is not valid iCalendar is
/// counted and skipped (left as it is on the server); the rest are still listed.</summary>
internal sealed class ListCalendarEventsHandler(CalendarAccounts accounts, CalDavClient calDav) : IRequestHandler<ListEvents, CalendarEvents>
{
    public async Task<CalendarEvents> Handle(ListEvents request, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(request.OwnerId, cancellationToken);
        if (account is null)
        {
            return new CalendarEvents(CalendarStatuses.NotLinked, "You haven't linked a calendar yet: add it under Settings, Linked accounts.", zone.Id, []);
        }

        IReadOnlyList<CalendarObject> objects;
        try
        {
            objects = await calDav.Query(CalendarAccounts.Connection(account), "VEVENT", request.From, request.To, cancellationToken);
        }
        catch (CalendarServerException failure)
        {
            await accounts.Record(account, failure.Message, cancellationToken);
            return new CalendarEvents(failure.Status, failure.Message, zone.Id, []);
        }

        var events = new List<CalendarEventView>();
        var unreadable = 0;
        foreach (var stored in objects)
        {
            if (CalendarObjects.TryLoad(stored.Data) is not { } calendar)
            {
                unreadable++;
                continue;
            }

            try
            {
                events.AddRange(CalendarObjects.Occurrences(stored, calendar, request.From, request.To, zone));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A recurrence rule Ical.Net cannot evaluate: the object is unreadable, the others still count.
                unreadable++;
            }
        }

        await accounts.Record(account, null, cancellationToken);
        return new CalendarEvents(CalendarStatuses.Ok, null, zone.Id, [.. events.OrderBy(e => e.Start).ThenBy(e => e.Summary, StringComparer.Ordinal)], unreadable);
    }
}
