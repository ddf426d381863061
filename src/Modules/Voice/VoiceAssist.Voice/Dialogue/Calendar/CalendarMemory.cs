namespace VoiceAssist.Voice.Dialogue.Calendar;

/// <summary>What a conversation remembers about the calendar between turns: the events last listed (so "move my 4
/// o'clock" and "cancel it" know what is meant), the day in focus, and a change read back and awaiting a yes.</summary>
internal sealed class CalendarMemory
{
    public List<RememberedEvent> Listed { get; set; } = [];

    /// <summary>The event last spoken about on its own ("it").</summary>
    public RememberedEvent? Subject { get; set; }

    /// <summary>The local day the conversation is about (<c>yyyy-MM-dd</c>), for a time said without a day.</summary>
    public string? FocusDay { get; set; }

    public PendingCalendarChange? Pending { get; set; }
}

internal sealed record RememberedEvent(string Id, string Summary, DateTimeOffset Start, DateTimeOffset End, bool AllDay, bool Recurring);

/// <summary>A change read back to the clinician and made only once they say yes. <c>Action</c>: schedule, move or
/// cancel.</summary>
internal sealed record PendingCalendarChange(string Action, string? EventId, string Summary, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? NewStart, bool Recurring);

/// <summary>Events as the page shows them on a card: what was asked about, each event in the owner's zone, a problem
/// in words (server down, password refused), and the change awaiting confirmation.</summary>
internal sealed record CalendarOutcome(string Title, string TimeZone, IReadOnlyList<CalendarCardEvent> Events, string? Problem, string? Pending);

internal sealed record CalendarCardEvent(string Summary, DateTimeOffset Start, DateTimeOffset End, bool AllDay, string? Location, bool Recurring);

/// <summary>Now, for the dialogue's relative dates ("tomorrow", "this afternoon"); its own seam so a test can hold a
/// conversation on a chosen day without moving the host's clock (tokens, sessions).</summary>
internal sealed class DialogueClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}
