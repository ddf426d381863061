using System.Globalization;
using System.Text.RegularExpressions;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Integrations.Contracts.Calendar;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue.Calendar;

/// <summary>The clinician's calendar by voice, through the Integrations module's contracts only: "what's on my
/// calendar this afternoon / tomorrow / on Friday", "when is my next meeting", "schedule a meeting with the renal team
/// tomorrow at 3 for half an hour", "move my 4 o'clock to 5", "cancel it". Every change is read back and made only
/// after a yes. Days and times are the owner's local ones (<see cref="WhenPhrases"/>).</summary>
internal sealed partial class CalendarDialogue(ISender sender, DialogueClock clock)
{
    private const string Confirm = " Say yes to go ahead, or no to leave it.";

    /// <summary>The reply when the turn is about the calendar (or answers a change read back), else null.</summary>
    public async Task<TurnReply?> Respond(Utterance said, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        var text = said.Text.TrimEnd(' ', '.', '!', '?');
        var memory = state.Calendar;
        if (memory?.Pending is { } pending)
        {
            memory.Pending = null;
            if (Yes().IsMatch(text))
            {
                return await CarryOut(pending, memory, callerId ?? string.Empty, cancellationToken);
            }

            if (No().IsMatch(text))
            {
                return Reply("OK, I left your calendar as it was.", "declined", null);
            }
        }

        var action = Classify(said, text, memory);
        if (action is null)
        {
            return null;
        }

        var owner = callerId ?? string.Empty;
        var link = await sender.Send(new GetCalendarLink(owner), cancellationToken);
        if (!link.Linked)
        {
            return Reply("You haven't linked a calendar yet: add it under Settings, Linked accounts, with your calendar's address and an app password.", action,
                new CalendarOutcome("Calendar", link.TimeZone, [], "No calendar linked.", null));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(link.TimeZone);
        memory = state.Calendar ??= new CalendarMemory();
        return action switch
        {
            "next" => await Next(owner, memory, zone, cancellationToken),
            "schedule" => Schedule(text, memory, zone),
            "move" => await Move(text, memory, owner, zone, cancellationToken),
            "cancel" => await Cancel(text, memory, owner, zone, cancellationToken),
            _ => await Agenda(text, memory, owner, zone, cancellationToken),
        };
    }

    private static string? Classify(Utterance said, string text, CalendarMemory? memory)
    {
        var aboutCalendar = Cues.ConnectedSystem(said) == Intents.Calendar;
        var remembers = memory is { Subject: not null } || memory is { Listed.Count: > 0 };
        if (MoveCue().IsMatch(text) && (aboutCalendar || remembers || WhenPhrases.FirstTime(text).Success))
        {
            return "move";
        }

        if (CancelCue().IsMatch(text) && (aboutCalendar || remembers || WhenPhrases.FirstTime(text).Success))
        {
            return "cancel";
        }

        // "and on Monday?" after the calendar was read: the same question for another day.
        if (memory?.FocusDay is not null && FollowUpDay().IsMatch(text))
        {
            return "agenda";
        }

        if (!aboutCalendar && !AgendaCue().IsMatch(text))
        {
            return null;
        }

        return ScheduleCue().IsMatch(text) ? "schedule" : NextCue().IsMatch(text) ? "next" : "agenda";
    }

    private async Task<TurnReply> Agenda(string text, CalendarMemory memory, string owner, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var span = WhenPhrases.Span(text, now, zone)
            ?? new LocalSpan(WhenPhrases.Midnight(WhenPhrases.DateOf(now, zone), zone), WhenPhrases.Midnight(WhenPhrases.DateOf(now, zone).AddDays(1), zone), "today");
        var listed = await sender.Send(new ListCalendarEvents(owner, span.From, span.To), cancellationToken);
        var title = Capitalise(span.Spoken);
        if (listed.Status != CalendarStatuses.Ok)
        {
            return Reply(listed.Problem ?? "Your calendar can't be read right now.", "agenda", new CalendarOutcome(title, listed.TimeZone, [], listed.Problem, null));
        }

        memory.Listed = [.. listed.Events.Select(Remember)];
        memory.FocusDay = WhenPhrases.DateOf(span.From, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        memory.Subject = listed.Events.Count == 1 ? Remember(listed.Events[0]) : null;
        var multiDay = span.To - span.From > TimeSpan.FromHours(25);
        var spoken = listed.Events.Count switch
        {
            0 => $"Nothing on your calendar {span.Spoken}.",
            1 => $"{title} you have one event: {Describe(listed.Events[0], zone, now, multiDay)}.",
            var n => $"{title} you have {n} events: {string.Join("; ", listed.Events.Select(e => Describe(e, zone, now, multiDay)))}.",
        };
        if (listed.Unreadable > 0)
        {
            spoken += $" {listed.Unreadable} item{(listed.Unreadable == 1 ? " on your calendar could" : "s on your calendar could")} not be read and {(listed.Unreadable == 1 ? "is" : "are")} not included.";
        }

        return Reply(spoken, "agenda", Card(title, listed.TimeZone, listed.Events, null, null));
    }

    private async Task<TurnReply> Next(string owner, CalendarMemory memory, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var listed = await sender.Send(new ListCalendarEvents(owner, now, now.AddDays(31)), cancellationToken);
        if (listed.Status != CalendarStatuses.Ok)
        {
            return Reply(listed.Problem ?? "Your calendar can't be read right now.", "next", new CalendarOutcome("Next meeting", listed.TimeZone, [], listed.Problem, null));
        }

        var next = listed.Events.FirstOrDefault(e => !e.AllDay && e.Start >= now);
        if (next is null)
        {
            return Reply("You have no meetings in the next month.", "next", Card("Next meeting", listed.TimeZone, [], null, null));
        }

        memory.Subject = Remember(next);
        memory.Listed = [memory.Subject];
        memory.FocusDay = WhenPhrases.DateOf(next.Start, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var day = WhenPhrases.SayDay(next.Start, now, zone);
        return Reply($"Your next meeting is {next.Summary} {day} at {WhenPhrases.Say(next.Start, zone)}, until {WhenPhrases.Say(next.End, zone)}.", "next",
            Card("Next meeting", listed.TimeZone, [next], null, null));
    }

    private TurnReply Schedule(string text, CalendarMemory memory, TimeZoneInfo zone)
    {
        var now = clock.Now;
        var today = WhenPhrases.DateOf(now, zone);
        var day = WhenPhrases.Day(text, today);
        if (WhenPhrases.Time(text) is not { } time)
        {
            return Reply("What time should it start? Say the whole request again with a time, for example \"tomorrow at 3 for half an hour\".", "schedule", null, "What time should it start?");
        }

        var date = day?.Date ?? today;
        var start = WhenPhrases.At(date, time.Hour, time.Minute, zone);
        if (day is null && start <= now)
        {
            start = WhenPhrases.At(today.AddDays(1), time.Hour, time.Minute, zone);
        }

        var end = start + (WhenPhrases.Length(text) ?? TimeSpan.FromHours(1));
        var summary = Title(text);
        memory.Pending = new PendingCalendarChange("schedule", null, summary, start, end, null, false);
        var question = $"Schedule \"{summary}\" {WhenPhrases.SayDay(start, now, zone)}{DateAfter(start, now, zone)} from {WhenPhrases.Say(start, zone)} to {WhenPhrases.Say(end, zone)}?";
        return Reply(question + Confirm, "schedule",
            new CalendarOutcome("To schedule", zone.Id, [new CalendarCardEvent(summary, Local(start, zone), Local(end, zone), false, null, false)], null, question), question);
    }

    private async Task<TurnReply> Move(string text, CalendarMemory memory, string owner, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var split = ToWord().Match(text);
        var source = split.Success ? text[..split.Index] : text;
        var target = split.Success ? text[split.Index..] : string.Empty;
        var (found, problem) = await Find(source, memory, owner, zone, cancellationToken);
        if (found is null)
        {
            return Reply(problem!, "move", null);
        }

        var now = clock.Now;
        var targetDay = WhenPhrases.Day(target, WhenPhrases.DateOf(now, zone))?.Date ?? WhenPhrases.DateOf(found.Start, zone);
        var targetTime = WhenPhrases.Time(target) ?? (TimeZoneInfo.ConvertTime(found.Start, zone).Hour, TimeZoneInfo.ConvertTime(found.Start, zone).Minute);
        var newStart = WhenPhrases.At(targetDay, targetTime.Hour, targetTime.Minute, zone);
        if (target.Length == 0 || newStart == found.Start)
        {
            return Reply($"When should {found.Summary} move to? For example \"move it to 5\".", "move", null, "When should it move to?");
        }

        memory.Subject = found;
        memory.Pending = new PendingCalendarChange("move", found.Id, found.Summary, found.Start, found.End, newStart, found.Recurring);
        var length = found.End - found.Start;
        var question = $"Move \"{found.Summary}\" from {WhenPhrases.SayDay(found.Start, now, zone)} at {WhenPhrases.Say(found.Start, zone)} to "
            + $"{WhenPhrases.SayDay(newStart, now, zone)} at {WhenPhrases.Say(newStart, zone)}, until {WhenPhrases.Say(newStart + length, zone)}{(found.Recurring ? " (only this one of the series)" : string.Empty)}?";
        return Reply(question + Confirm, "move",
            new CalendarOutcome("To move", zone.Id, [new CalendarCardEvent(found.Summary, Local(newStart, zone), Local(newStart + length, zone), false, null, found.Recurring)], null, question), question);
    }

    private async Task<TurnReply> Cancel(string text, CalendarMemory memory, string owner, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (found, problem) = await Find(text, memory, owner, zone, cancellationToken);
        if (found is null)
        {
            return Reply(problem!, "cancel", null);
        }

        var now = clock.Now;
        memory.Subject = found;
        memory.Pending = new PendingCalendarChange("cancel", found.Id, found.Summary, found.Start, found.End, null, found.Recurring);
        var when = found.AllDay ? WhenPhrases.SayDay(found.Start, now, zone) : $"{WhenPhrases.SayDay(found.Start, now, zone)} at {WhenPhrases.Say(found.Start, zone)}";
        var question = $"Cancel \"{found.Summary}\" {when}{(found.Recurring ? " (only this one of the series)" : string.Empty)}?";
        return Reply(question + Confirm, "cancel",
            new CalendarOutcome("To cancel", zone.Id, [new CalendarCardEvent(found.Summary, Local(found.Start, zone), Local(found.End, zone), found.AllDay, null, found.Recurring)], null, question), question);
    }

    private async Task<TurnReply> CarryOut(PendingCalendarChange pending, CalendarMemory memory, string owner, CancellationToken cancellationToken)
    {
        var link = await sender.Send(new GetCalendarLink(owner), cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(link.TimeZone);
        var now = clock.Now;
        CalendarChange change = pending.Action switch
        {
            "schedule" => await sender.Send(new ScheduleCalendarEvent(owner, pending.Summary, pending.Start, pending.End), cancellationToken),
            "move" => await sender.Send(new MoveCalendarEvent(owner, pending.EventId!, pending.NewStart!.Value), cancellationToken),
            _ => await sender.Send(new CancelCalendarEvent(owner, pending.EventId!), cancellationToken),
        };
        if (change.Status != CalendarStatuses.Ok)
        {
            return Reply(change.Problem ?? "The change could not be made; nothing was changed.", pending.Action, new CalendarOutcome("Not changed", link.TimeZone, [], change.Problem, null));
        }

        memory.Listed = [];
        if (pending.Action == "cancel")
        {
            memory.Subject = null;
            return Reply($"Cancelled: {pending.Summary} {WhenPhrases.SayDay(pending.Start, now, zone)} at {WhenPhrases.Say(pending.Start, zone)}.", "cancelled",
                new CalendarOutcome("Cancelled", link.TimeZone, [new CalendarCardEvent(pending.Summary, Local(pending.Start, zone), Local(pending.End, zone), false, null, pending.Recurring)], null, null));
        }

        var changed = change.Event!;
        memory.Subject = Remember(changed);
        memory.FocusDay = WhenPhrases.DateOf(changed.Start, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var verb = pending.Action == "schedule" ? "Scheduled" : "Moved";
        return Reply($"{verb}: {changed.Summary} {WhenPhrases.SayDay(changed.Start, now, zone)} from {WhenPhrases.Say(changed.Start, zone)} to {WhenPhrases.Say(changed.End, zone)}.",
            pending.Action == "schedule" ? "scheduled" : "moved", Card(verb, link.TimeZone, [changed], null, null));
    }

    /// <summary>The event a request points at: "it" (the one last spoken about), a time ("my 4 o'clock") on the day in
    /// focus, or words of its title ("the renal meeting").</summary>
    private async Task<(RememberedEvent? Found, string? Problem)> Find(string text, CalendarMemory memory, string owner, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var time = WhenPhrases.Time(text);
        if (time is null && ItCue().IsMatch(text) && memory.Subject is { } subject)
        {
            return (subject, null);
        }

        var today = WhenPhrases.DateOf(now, zone);
        var day = WhenPhrases.Day(text, today)?.Date
            ?? (memory.FocusDay is { } focus ? DateOnly.ParseExact(focus, "yyyy-MM-dd", CultureInfo.InvariantCulture) : today);
        var listed = await sender.Send(new ListCalendarEvents(owner, WhenPhrases.Midnight(day, zone), WhenPhrases.Midnight(day.AddDays(1), zone)), cancellationToken);
        if (listed.Status != CalendarStatuses.Ok)
        {
            return (null, listed.Problem ?? "Your calendar can't be read right now.");
        }

        var candidates = listed.Events.Where(e => !e.AllDay).ToList();
        if (time is { } at)
        {
            candidates = [.. candidates.Where(e => TimeZoneInfo.ConvertTime(e.Start, zone) is var local && local.Hour == at.Hour && local.Minute == at.Minute)];
        }
        else
        {
            var words = TitleWords().Matches(text).Select(m => m.Value).Where(w => !Filler.Contains(w)).ToList();
            candidates = [.. candidates.Where(e => words.Count > 0 && words.Any(w => e.Summary.Contains(w, StringComparison.OrdinalIgnoreCase)))];
        }

        var spokenDay = WhenPhrases.SayDay(WhenPhrases.Midnight(day, zone), now, zone);
        return candidates switch
        {
            [var only] => (Remember(only), null),
            [] => (null, time is { } t
                ? $"I can't find anything at {WhenPhrases.Say(WhenPhrases.At(day, t.Hour, t.Minute, zone), zone)} {spokenDay} on your calendar."
                : $"I can't tell which event you mean {spokenDay}; say its time, for example \"my 4 o'clock\"."),
            _ => (null, $"There is more than one: {string.Join("; ", candidates.Select(c => $"{WhenPhrases.Say(c.Start, zone)} {c.Summary}"))}. Which one do you mean? Say its time."),
        };
    }

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "move", "moving", "reschedule", "push", "shift", "change", "cancel", "delete", "remove", "call", "off", "my", "the", "it", "that", "this",
        "meeting", "appointment", "event", "please", "to", "at", "on", "today", "tomorrow", "can", "you", "could", "a", "an", "with",
    };

    private static string Title(string text)
    {
        var title = ScheduleLead().Replace(text, string.Empty);
        title = WhenWords().Replace(title, " ");
        title = Regex.Replace(title, @"\s+", " ").Trim(' ', ',', '.');
        if (title.Length == 0)
        {
            title = "Meeting";
        }

        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    private static string Describe(CalendarEventView e, TimeZoneInfo zone, DateTimeOffset now, bool withDay)
    {
        var day = withDay ? WhenPhrases.SayDay(e.Start, now, zone) + " " : string.Empty;
        var place = e.Location is null ? string.Empty : $" in {e.Location}";
        return e.AllDay ? $"{day}all day, {e.Summary}{place}" : $"{day}{WhenPhrases.Say(e.Start, zone)} {e.Summary}{place} until {WhenPhrases.Say(e.End, zone)}";
    }

    private static string DateAfter(DateTimeOffset start, DateTimeOffset now, TimeZoneInfo zone) =>
        WhenPhrases.SayDay(start, now, zone) is "today" or "tomorrow"
            ? ", " + TimeZoneInfo.ConvertTime(start, zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture) + ","
            : string.Empty;

    private static RememberedEvent Remember(CalendarEventView e) => new(e.Id, e.Summary, e.Start, e.End, e.AllDay, e.Recurring);

    private static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    private static CalendarOutcome Card(string title, string timeZone, IReadOnlyList<CalendarEventView> events, string? problem, string? pending) =>
        new(title, timeZone, [.. events.Select(e => new CalendarCardEvent(e.Summary, e.Start, e.End, e.AllDay, e.Location, e.Recurring))], problem, pending);

    private static TurnReply Reply(string reply, string action, CalendarOutcome? card, string? question = null) =>
        new(reply, question, [], null, new Understood(Intents.Calendar, null, new Dictionary<string, string> { ["action"] = action }, null)) { Calendar = card };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^(?:yes|yes please|yep|yeah|confirm|confirmed|do it|go ahead|ok|okay|sure|correct|that is right|please do)(?: please| thanks| thank you)?$")]
    private static partial Regex Yes();

    [GeneratedRegex(@"^(?:no|nope|no thanks|no thank you|do not|don't|leave it|never mind|forget it|stop)$")]
    private static partial Regex No();

    [GeneratedRegex(@"^(?:(?:please|can you|could you) )?(?:move|reschedule|push|shift|change)\b")]
    private static partial Regex MoveCue();

    [GeneratedRegex(@"^(?:(?:please|can you|could you) )?(?:cancel|delete|remove|call off)\b")]
    private static partial Regex CancelCue();

    [GeneratedRegex(@"\b(?:schedule|book|set up|arrange|put in|add|create)\b")]
    private static partial Regex ScheduleCue();

    [GeneratedRegex(@"\bnext (?:meeting|appointment|event)\b")]
    private static partial Regex NextCue();

    [GeneratedRegex(@"\bwhat (?:is|do i have) (?:on )?(?:my|for me)\b|\bam i (?:free|busy)\b|\bon my (?:calendar|diary|schedule)\b")]
    private static partial Regex AgendaCue();

    [GeneratedRegex(@"^(?:and|what about|how about|and what about)(?: on| for)? (?:today|tomorrow|tonight|this week|next week|(?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:this |tomorrow )(?:morning|afternoon|evening))$")]
    private static partial Regex FollowUpDay();

    [GeneratedRegex(@"\b(?:it|that|this one)\b")]
    private static partial Regex ItCue();

    [GeneratedRegex(@" (?:to|until|till) (?=\S)")]
    private static partial Regex ToWord();

    [GeneratedRegex(@"[a-z]{3,}")]
    private static partial Regex TitleWords();

    [GeneratedRegex(@"^(?:(?:please|can you|could you) )?(?:schedule|book|set up|arrange|put in|add|create)(?: me)?(?: in)? (?:a |an )?")]
    private static partial Regex ScheduleLead();

    [GeneratedRegex(@"\b(?:for (?:a |one )?half (?:an )?hour|for (?:an|one|\d+(?:\.\d+)?) (?:hours?|hrs?|minutes?|mins?)|(?:at|from|by) \d{1,2}(?: ?[:.] ?\d{2})?(?: ?(?:am|pm|a m|p m|o'?clock|o clock))?|\d{1,2}(?: ?[:.] ?\d{2})? ?(?:am|pm|a m|p m|o'?clock)|at (?:noon|midday)|today|tomorrow|tonight|this (?:morning|afternoon|evening)|(?:next |on |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:in the )?(?:morning|afternoon|evening)|on my (?:calendar|diary)|in my (?:calendar|diary))\b")]
    private static partial Regex WhenWords();
}
