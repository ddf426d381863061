using System.Globalization;
using System.Text.RegularExpressions;

namespace VoiceAssist.Voice.Dialogue.Calendar;

/// <summary>A span of the owner's local time, with how to say it ("tomorrow afternoon").</summary>
internal sealed record LocalSpan(DateTimeOffset From, DateTimeOffset To, string Spoken);

/// <summary>Relative days, parts of a day, clock times and lengths in the normalised text of a turn ("tomorrow",
/// "this afternoon", "on friday", "at 3", "4 o'clock", "for half an hour"), resolved in the owner's time zone. Days
/// are counted on the local calendar, so "tomorrow at 3" is 3 pm local time even across a change of the clocks, and
/// a day the clocks change on is 23 or 25 hours long. A bare hour from 1 to 7 is afternoon (a working day's "at 3").</summary>
internal static partial class WhenPhrases
{
    /// <summary>The span a question asks about ("what's on this afternoon"), or null when it names none.</summary>
    public static LocalSpan? Span(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (Week().Match(text) is { Success: true } week)
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            return week.Groups["next"].Success
                ? new LocalSpan(Midnight(monday.AddDays(7), zone), Midnight(monday.AddDays(14), zone), "next week")
                : new LocalSpan(Midnight(today, zone), Midnight(monday.AddDays(7), zone), "this week");
        }

        var day = Day(text, today);
        var part = Part().Match(text);
        if (day is null && !part.Success)
        {
            return null;
        }

        var (date, spokenDay) = day ?? (today, "today");
        if (!part.Success)
        {
            return new LocalSpan(Midnight(date, zone), Midnight(date.AddDays(1), zone), spokenDay);
        }

        var (fromHour, toHour) = part.Groups["part"].Value switch
        {
            "morning" => (0, 12),
            "afternoon" => (12, 18),
            "lunchtime" => (12, 14),
            _ => (17, 24),
        };
        var spoken = date == today ? $"this {part.Groups["part"].Value}" : $"{spokenDay} {part.Groups["part"].Value}";
        return new LocalSpan(At(date, fromHour, 0, zone), toHour == 24 ? Midnight(date.AddDays(1), zone) : At(date, toHour, 0, zone), spoken);
    }

    /// <summary>The day a request names ("tomorrow", "on friday", "next tuesday", "today"), and how to say it.</summary>
    public static (DateOnly Date, string Spoken)? Day(string text, DateOnly today)
    {
        if (Today().IsMatch(text))
        {
            return (today, "today");
        }

        if (Tomorrow().IsMatch(text))
        {
            return (today.AddDays(1), "tomorrow");
        }

        if (Weekday().Match(text) is { Success: true } named)
        {
            var target = Enum.Parse<DayOfWeek>(named.Groups["day"].Value, ignoreCase: true);
            var ahead = ((int)target - (int)today.DayOfWeek + 7) % 7;
            if (named.Groups["next"].Success && ahead == 0)
            {
                ahead = 7;
            }

            var date = today.AddDays(ahead);
            return (date, ahead == 0 ? "today" : "on " + date.ToString("dddd d MMMM", CultureInfo.InvariantCulture));
        }

        return null;
    }

    /// <summary>A clock time ("at 3", "at 3 pm", "at 15:30", "4 o'clock", "at noon") as hour and minute, the first one
    /// after <paramref name="after"/> characters when given.</summary>
    public static (int Hour, int Minute)? Time(string text, int after = 0)
    {
        var match = ClockTime().Match(text, Math.Min(after, text.Length));
        if (!match.Success)
        {
            return null;
        }

        if (match.Groups["noon"].Success)
        {
            return (12, 0);
        }

        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59)
        {
            return null;
        }

        hour = match.Groups["ampm"].Value switch
        {
            "pm" or "p m" when hour < 12 => hour + 12,
            "am" or "a m" when hour == 12 => 0,
            "am" or "a m" => hour,
            _ when hour is >= 1 and <= 7 => hour + 12,
            _ => hour,
        };
        return (hour, minute);
    }

    /// <summary>Where the first clock time starts in the text, to tell "move my 4 o'clock" from "to 5".</summary>
    public static Match FirstTime(string text) => ClockTime().Match(text);

    /// <summary>A length ("for half an hour", "for 45 minutes", "for an hour", "for 1.5 hours").</summary>
    public static TimeSpan? Length(string text)
    {
        if (HalfHour().IsMatch(text))
        {
            return TimeSpan.FromMinutes(30);
        }

        if (Minutes().Match(text) is { Success: true } minutes)
        {
            return TimeSpan.FromMinutes(double.Parse(minutes.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        if (Hours().Match(text) is { Success: true } hours)
        {
            return TimeSpan.FromHours(hours.Groups["n"].Success ? double.Parse(hours.Groups["n"].Value, CultureInfo.InvariantCulture) : 1);
        }

        return null;
    }

    /// <summary>Local midnight at the start of <paramref name="date"/>, as an instant.</summary>
    public static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone) => At(date, 0, 0, zone);

    /// <summary>A local wall-clock time as an instant; a time the clocks skip is moved on by the gap.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The local date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>"3 pm", "3:30 pm", "9 am", "noon".</summary>
    public static string Say(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        if (local.Hour == 12 && local.Minute == 0)
        {
            return "noon";
        }

        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var minutes = local.Minute == 0 ? string.Empty : ":" + local.Minute.ToString("00", CultureInfo.InvariantCulture);
        return $"{hour}{minutes} {(local.Hour < 12 ? "am" : "pm")}";
    }

    /// <summary>"today", "tomorrow" or "Friday 26 March", relative to now.</summary>
    public static string SayDay(DateTimeOffset instant, DateTimeOffset now, TimeZoneInfo zone)
    {
        var date = DateOf(instant, zone);
        var today = DateOf(now, zone);
        return date == today ? "today" : date == today.AddDays(1) ? "tomorrow" : date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\b(?:(?<this>this|the) week|(?<next>next) week|rest of (?:the|this) week)\b")]
    private static partial Regex Week();

    [GeneratedRegex(@"\b(?<part>morning|afternoon|evening|tonight|lunchtime)\b")]
    private static partial Regex Part();

    [GeneratedRegex(@"\b(?:today|this (?:morning|afternoon|evening)|tonight)\b")]
    private static partial Regex Today();

    [GeneratedRegex(@"\btomorrow\b")]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"\b(?:(?<next>next) |on |this )?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<noon>noon|midday)\b|\b(?<hour>\d{1,2})(?: ?[:.] ?(?<minute>\d{2}))?(?: ?(?<ampm>am|pm|a m|p m)\b| ?o'?clock\b| ?o clock\b)|(?<=\b(?:at|to|until|till|from|by) )(?<hour>\d{1,2})(?: ?[:.] ?(?<minute>\d{2}))?\b(?! ?(?:minutes?|mins?|hours?|hrs?|days?)\b)")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\bfor (?:a |one )?half (?:an )?hour\b|\bfor 0\.5 hours?\b|\bfor 30 minutes\b")]
    private static partial Regex HalfHour();

    [GeneratedRegex(@"\bfor (?<n>\d+) (?:minutes?|mins?)\b")]
    private static partial Regex Minutes();

    [GeneratedRegex(@"\bfor (?:an|one|(?<n>\d+(?:\.\d+)?)) (?:hours?|hrs?)\b")]
    private static partial Regex Hours();
}
