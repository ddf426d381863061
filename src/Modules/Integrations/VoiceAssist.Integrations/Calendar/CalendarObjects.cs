using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using VoiceAssist.Integrations.Contracts.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace VoiceAssist.Integrations.Calendar;

/// <summary>Reads and changes stored calendar objects with Ical.Net: occurrences in a range (RRULE expanded, EXDATE
/// and RECURRENCE-ID overrides applied by Ical.Net), and the edits that schedule, move or cancel one occurrence.</summary>
internal static class CalendarObjects
{
    private const string RecurrenceFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static IcalCalendar? TryLoad(string data)
    {
        try
        {
            return IcalCalendar.Load(data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Ical.Net throws several exception types for malformed text; any of them means "this object is unreadable".
            return null;
        }
    }

    /// <summary>The occurrences of one stored object that overlap [from, to).</summary>
    public static IEnumerable<CalendarEventView> Occurrences(CalendarObject stored, IcalCalendar calendar, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        // Start a day early: an occurrence that began before the range and runs into it must be found too.
        var start = new CalDateTime(from.UtcDateTime.AddDays(-1), "UTC");
        var end = new CalDateTime(to.UtcDateTime, "UTC");
        foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(start, null).TakeWhileBefore(end))
        {
            var source = (CalendarEvent)occurrence.Source;
            var allDay = !occurrence.Period.StartTime.HasTime;
            var (begins, ends) = allDay
                ? (Midnight(occurrence.Period.StartTime.Date, zone), Midnight(occurrence.Period.EffectiveEndTime?.Date ?? occurrence.Period.StartTime.Date.AddDays(1), zone))
                : (new DateTimeOffset(occurrence.Period.StartTime.AsUtc, TimeSpan.Zero), new DateTimeOffset((occurrence.Period.EffectiveEndTime ?? occurrence.Period.StartTime).AsUtc, TimeSpan.Zero));
            if (ends <= from || begins >= to || string.Equals(source.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var recurring = IsSeries(source) || source.RecurrenceIdentifier is not null;
            var recurrenceId = source.RecurrenceIdentifier?.StartTime ?? (recurring ? occurrence.Period.StartTime : null);
            yield return new CalendarEventView(
                EventIds.Of(stored.Href, recurrenceId is null ? null : RecurrenceKey(recurrenceId)),
                string.IsNullOrWhiteSpace(source.Summary) ? "(no title)" : source.Summary.Trim(),
                string.IsNullOrWhiteSpace(source.Location) ? null : source.Location.Trim(),
                begins.ToOffset(zone.GetUtcOffset(begins)),
                ends.ToOffset(zone.GetUtcOffset(ends)),
                allDay,
                recurring);
        }
    }

    /// <summary>A new single event in the owner's zone, with that zone's definition.</summary>
    public static (string Uid, string Text) NewEvent(string summary, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, DateTimeOffset now)
    {
        var calendar = new IcalCalendar { ProductId = "-//VoiceAssist//Integrations//EN" };
        calendar.AddTimeZone(zone.Id);
        var uid = $"{Guid.NewGuid():N}@voiceassist";
        calendar.Events.Add(new CalendarEvent
        {
            Uid = uid,
            Summary = summary,
            DtStart = Zoned(start, zone),
            DtEnd = Zoned(end, zone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
        });
        return (uid, Serialize(calendar));
    }

    /// <summary>Moves one occurrence; for a series, stores (or updates) the override of that occurrence.</summary>
    public static string Move(IcalCalendar calendar, string? recurrenceKey, DateTimeOffset newStart, TimeZoneInfo zone, DateTimeOffset now)
    {
        var target = Find(calendar, recurrenceKey);
        var master = calendar.Events.FirstOrDefault(e => e.RecurrenceIdentifier is null) ?? target;
        var length = (target.End ?? target.DtStart!.Add(target.Duration ?? Duration.FromHours(1))).AsUtc - target.DtStart!.AsUtc;
        var eventZone = target.DtStart.TzId is { } tz && tz != "UTC" && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var found) ? found : zone;
        if (recurrenceKey is not null && target == master && IsSeries(master))
        {
            // The first move of this occurrence of a series: an override beside the series, the series untouched.
            var original = OccurrenceStart(master, recurrenceKey, eventZone);
            target = new CalendarEvent
            {
                Uid = master.Uid,
                Summary = master.Summary,
                Location = master.Location,
                Description = master.Description,
                RecurrenceIdentifier = new RecurrenceIdentifier(original, RecurrenceRange.ThisInstance),
            };
            calendar.Events.Add(target);
        }

        if (target.Duration is not null)
        {
            // DTEND and DURATION exclude each other; the moved event keeps its length as an end time.
            target.Duration = null;
        }

        target.DtStart = Zoned(newStart, eventZone);
        target.DtEnd = Zoned(newStart + length, eventZone);
        target.Sequence++;
        target.DtStamp = new CalDateTime(now.UtcDateTime, "UTC");
        return Serialize(calendar);
    }

    /// <summary>Cancels one occurrence of a series: its override (if any) removed and the date excluded. Null when the
    /// object is a single event, which is deleted instead.</summary>
    public static string? CancelOccurrence(IcalCalendar calendar, string? recurrenceKey, TimeZoneInfo zone, DateTimeOffset now)
    {
        var master = calendar.Events.FirstOrDefault(e => e.RecurrenceIdentifier is null);
        if (recurrenceKey is null || master is null || !IsSeries(master))
        {
            return null;
        }

        foreach (var overridden in calendar.Events.Where(e => e.RecurrenceIdentifier is not null && RecurrenceKey(e.RecurrenceIdentifier.StartTime) == recurrenceKey).ToList())
        {
            calendar.Events.Remove(overridden);
        }

        var eventZone = master.DtStart!.TzId is { } tz && tz != "UTC" && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var found) ? found : zone;
        master.ExceptionDates.Add(OccurrenceStart(master, recurrenceKey, eventZone));
        master.Sequence++;
        master.DtStamp = new CalDateTime(now.UtcDateTime, "UTC");
        return Serialize(calendar);
    }

    private static bool IsSeries(CalendarEvent e) => e.RecurrenceRule is not null || e.RecurrenceDates.GetAllPeriods().Any();

    public static string RecurrenceKey(CalDateTime start) =>
        start.HasTime ? start.AsUtc.ToString(RecurrenceFormat, CultureInfo.InvariantCulture) : start.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static CalendarEvent Find(IcalCalendar calendar, string? recurrenceKey) =>
        (recurrenceKey is null ? null : calendar.Events.FirstOrDefault(e => e.RecurrenceIdentifier is not null && RecurrenceKey(e.RecurrenceIdentifier.StartTime) == recurrenceKey))
        ?? calendar.Events.FirstOrDefault(e => e.RecurrenceIdentifier is null)
        ?? throw new CalendarServerException(CalendarStatuses.Gone, "That event is no longer on your calendar; nothing was changed.");

    /// <summary>The original start of an occurrence of <paramref name="master"/>, in the series' own form (zoned like its
    /// DTSTART, or a date for an all-day series), as RECURRENCE-ID and EXDATE must be written.</summary>
    private static CalDateTime OccurrenceStart(CalendarEvent master, string recurrenceKey, TimeZoneInfo zone)
    {
        if (!master.DtStart!.HasTime)
        {
            return new CalDateTime(DateOnly.ParseExact(recurrenceKey, "yyyyMMdd", CultureInfo.InvariantCulture));
        }

        var utc = DateTime.SpecifyKind(DateTime.ParseExact(recurrenceKey, RecurrenceFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);
        return master.DtStart.IsUtc || master.DtStart.IsFloating ? new CalDateTime(utc, "UTC") : Zoned(new DateTimeOffset(utc), zone);
    }

    private static CalDateTime Zoned(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.Id);
    }

    private static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Serialize(IcalCalendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
}

/// <summary>An occurrence's id: the stored object's address and, for a series, which occurrence.</summary>
internal static class EventIds
{
    public static string Of(Uri href, string? recurrenceKey) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{href.AbsoluteUri}\n{recurrenceKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string id, out Uri href, out string? recurrenceKey)
    {
        href = null!;
        recurrenceKey = null;
        try
        {
            var padded = id.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n');
            if (parts.Length != 2 || !Uri.TryCreate(parts[0], UriKind.Absolute, out var parsed))
            {
                return false;
            }

            href = parsed;
            recurrenceKey = parts[1].Length == 0 ? null : parts[1];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
