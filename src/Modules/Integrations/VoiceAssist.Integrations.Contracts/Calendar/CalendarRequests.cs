using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Integrations.Contracts.Calendar;

/// <summary>Whether <paramref name="OwnerId"/> has linked a calendar, and the time zone they live in (in which
/// "tomorrow" and "at 3" are meant).</summary>
public sealed record GetCalendarLink(string OwnerId) : IQuery<CalendarLink>;

public sealed record CalendarLink(bool Linked, string TimeZone);

/// <summary>The owner's events that overlap [<paramref name="From"/>, <paramref name="To"/>), recurring events
/// expanded (exception dates left out, changed occurrences as changed), earliest first.</summary>
public sealed record ListCalendarEvents(string OwnerId, DateTimeOffset From, DateTimeOffset To) : IQuery<CalendarEvents>;

/// <summary><c>Status</c> is one of <see cref="CalendarStatuses"/>; <c>Problem</c> says in plain words what went wrong
/// (server down, password refused) when it is not <c>ok</c>. <c>Unreadable</c> counts stored objects that could not
/// be read (malformed iCalendar): they are left untouched on the server and not listed.</summary>
public sealed record CalendarEvents(string Status, string? Problem, string TimeZone, IReadOnlyList<CalendarEventView> Events, int Unreadable = 0);

/// <summary>One occurrence. <c>Id</c> names it for a later change (the stored object, and for a recurring event which
/// occurrence). An all-day event has <c>AllDay</c> and starts at midnight of its date in the owner's zone.</summary>
public sealed record CalendarEventView(string Id, string Summary, string? Location, DateTimeOffset Start, DateTimeOffset End, bool AllDay, bool Recurring);

/// <summary>A change made on the owner's calendar server, not in VoiceAssist's database: these requests are neither
/// commands nor queries, so no database transaction is held open across the call.</summary>
public sealed record ScheduleCalendarEvent(string OwnerId, string Summary, DateTimeOffset Start, DateTimeOffset End) : IRequest<CalendarChange>;

/// <summary>Moves one occurrence to start at <paramref name="NewStart"/>, keeping its length. For a recurring event
/// only that occurrence moves (an override is stored beside the series).</summary>
public sealed record MoveCalendarEvent(string OwnerId, string EventId, DateTimeOffset NewStart) : IRequest<CalendarChange>;

/// <summary>Cancels one occurrence: a single event is deleted; one occurrence of a series is excluded from it.</summary>
public sealed record CancelCalendarEvent(string OwnerId, string EventId) : IRequest<CalendarChange>;

public sealed record CalendarChange(string Status, string? Problem, CalendarEventView? Event);

public static class CalendarStatuses
{
    public const string Ok = "ok";

    /// <summary>The user has not linked a calendar.</summary>
    public const string NotLinked = "not-linked";

    /// <summary>The server could not be reached or failed; nothing was changed.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The server refused the user name or app password.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The event is no longer there, or changed on the server since it was read.</summary>
    public const string Gone = "gone";
}
