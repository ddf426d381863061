namespace VoiceAssist.Testing.Integrations;

/// <summary>iCalendar objects as a clinician's calendar would hold them (times in Europe/London with its definition).</summary>
public static class CalendarFixtures
{
    public const string London = """
        BEGIN:VTIMEZONE
        TZID:Europe/London
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0000
        TZOFFSETTO:+0100
        TZNAME:BST
        DTSTART:19810329T010000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0000
        TZNAME:GMT
        DTSTART:19961027T020000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>A single event; <paramref name="start"/> and <paramref name="end"/> are local London times
    /// (<c>20270326T150000</c>).</summary>
    public static string Event(string uid, string summary, string start, string end, string? extra = null) => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Tests//EN
        {London}
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:20270101T000000Z
        SUMMARY:{summary}
        DTSTART;TZID=Europe/London:{start}
        DTEND;TZID=Europe/London:{end}
        {extra ?? "X-TEST:1"}
        END:VEVENT
        END:VCALENDAR
        """;

    public static string AllDay(string uid, string summary, string date, string nextDate) => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Tests//EN
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:20270101T000000Z
        SUMMARY:{summary}
        DTSTART;VALUE=DATE:{date}
        DTEND;VALUE=DATE:{nextDate}
        END:VEVENT
        END:VCALENDAR
        """;
}
