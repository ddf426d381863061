using System.Globalization;
using System.Text.RegularExpressions;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Integrations.Contracts.Calendar;
using VoiceAssist.Integrations.Contracts.Tasks;
using VoiceAssist.Voice.Dialogue.Calendar;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue.Tasks;

/// <summary>The clinician's task list by voice, through the Integrations contracts (VTODO on their linked calendar):
/// "what are my open tasks", "remind me to call the lab about bed 12's potassium by 5 pm", "mark the lab call
/// done". A task names what to do, so it is added as said and read back; marking one done needs its words to pick
/// out exactly one open task.</summary>
internal sealed partial class TaskDialogue(ISender sender, DialogueClock clock)
{
    /// <summary>The reply when the turn is about tasks, else null.</summary>
    public async Task<TurnReply?> Respond(string original, Utterance said, string? callerId, CancellationToken cancellationToken)
    {
        var text = said.Text.TrimEnd(' ', '.', '!', '?');
        var owner = callerId ?? string.Empty;
        if (Remind().Match(original.Trim().TrimEnd('.', '!')) is { Success: true } remind)
        {
            return await Add(remind.Groups["what"].Value, remind.Groups["by"].Success ? remind.Groups["by"].Value : null, owner, cancellationToken);
        }

        if (Done().Match(text) is { Success: true } done)
        {
            return await Complete(done.Groups["what"].Value, owner, cancellationToken);
        }

        return ListCue().IsMatch(text) ? await List(owner, cancellationToken) : null;
    }

    private async Task<TurnReply> List(string owner, CancellationToken cancellationToken)
    {
        var listed = await sender.Send(new ListOpenTasks(owner), cancellationToken);
        if (listed.Status != CalendarStatuses.Ok)
        {
            return Reply(listed.Problem ?? "Your tasks can't be read right now.", "list");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(listed.TimeZone);
        var spoken = listed.Tasks.Count switch
        {
            0 => "You have no open tasks.",
            1 => $"You have one open task: {Describe(listed.Tasks[0], zone)}.",
            var n => $"You have {n} open tasks: {string.Join("; ", listed.Tasks.Select(t => Describe(t, zone)))}.",
        };
        return Reply(spoken, "list");
    }

    private async Task<TurnReply> Add(string what, string? by, string owner, CancellationToken cancellationToken)
    {
        var summary = what.Trim().TrimEnd('.', ',');
        summary = char.ToUpperInvariant(summary[0]) + summary[1..];
        var link = await sender.Send(new GetCalendarLink(owner), cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(link.TimeZone);
        DateTimeOffset? due = null;
        if (by is not null)
        {
            var when = Utterance.Of("by " + by).Text;
            var now = clock.Now;
            var today = WhenPhrases.DateOf(now, zone);
            var day = WhenPhrases.Day(when, today);
            var time = WhenPhrases.Time(when);
            if (day is null && time is null)
            {
                // "by the end of the week" and the like are not understood: keep the words in the title rather than guess.
                summary += " by " + by.Trim();
            }
            else
            {
                var (hour, minute) = time ?? (17, 0);
                due = WhenPhrases.At(day?.Date ?? today, hour, minute, zone);
                if (day is null && due <= now)
                {
                    due = WhenPhrases.At(today.AddDays(1), hour, minute, zone);
                }
            }
        }

        var added = await sender.Send(new AddTask(owner, summary, due), cancellationToken);
        if (added.Status != CalendarStatuses.Ok)
        {
            return Reply(added.Problem ?? "The task could not be added.", "add");
        }

        return Reply($"Added to your tasks: {Describe(added.Task!, zone)}.", "add");
    }

    private async Task<TurnReply> Complete(string what, string owner, CancellationToken cancellationToken)
    {
        var listed = await sender.Send(new ListOpenTasks(owner), cancellationToken);
        if (listed.Status != CalendarStatuses.Ok)
        {
            return Reply(listed.Problem ?? "Your tasks can't be read right now.", "complete");
        }

        var words = Words().Matches(what).Select(m => m.Value).Where(w => !Filler.Contains(w)).Select(Stem).ToList();
        var matches = listed.Tasks
            .Select(t => (Task: t, Hits: words.Count(w => Words().Matches(t.Summary.ToLowerInvariant()).Any(m => Stem(m.Value) == w))))
            .Where(m => m.Hits > 0)
            .ToList();
        var best = matches.Count == 0 ? [] : matches.Where(m => m.Hits == matches.Max(x => x.Hits)).Select(m => m.Task).ToList();
        if (best is not [var task])
        {
            return Reply(best.Count == 0
                ? "I can't find an open task like that. Ask \"what are my open tasks\" to hear them."
                : $"More than one task fits: {string.Join("; ", best.Select(t => t.Summary))}. Which one?", "complete");
        }

        var completed = await sender.Send(new CompleteTask(owner, task.Id), cancellationToken);
        return completed.Status == CalendarStatuses.Ok
            ? Reply($"Marked done: {task.Summary}.", "complete")
            : Reply(completed.Problem ?? "The task could not be marked done; nothing was changed.", "complete");
    }

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "the", "my", "a", "an", "task", "to", "as", "and", "that", "this", "one", "about" };

    private static string Stem(string word) => word.Length > 4 && word.EndsWith('s') ? word[..^1] : word;

    private static string Describe(TaskView task, TimeZoneInfo zone) =>
        task.Due is { } due ? $"{task.Summary}, due {Day(due, zone)} at {WhenPhrases.Say(due, zone)}" : task.Summary;

    private static string Day(DateTimeOffset due, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(due, zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    private static TurnReply Reply(string reply, string action) =>
        new(reply, null, [], null, new Understood(Intents.Tasks, null, new Dictionary<string, string> { ["action"] = action }, null));

    [GeneratedRegex(@"^(?:(?:please|ok|okay|hey)[, ]+)?(?:remind me to|add (?:a )?task to|add to my (?:tasks|to do list):?|new task:?) (?<what>.+?)(?: by (?<by>(?:\d|noon|midday|today|tomorrow|tonight|this |next |monday|tuesday|wednesday|thursday|friday|saturday|sunday).*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Remind();

    [GeneratedRegex(@"^(?:please )?(?:mark|tick off|tick|check off|cross off)(?: off)? (?<what>.+?)(?: as)? (?:done|complete|completed|finished)$|^(?:i (?:have )?(?:done|finished|completed)|i did) (?<what>.+)$")]
    private static partial Regex Done();

    [GeneratedRegex(@"\b(?:(?:open |outstanding |my )tasks|to do list|todo list|my to dos?|what do i (?:still )?(?:have|need) to do)\b")]
    private static partial Regex ListCue();

    [GeneratedRegex(@"[a-z0-9]{2,}")]
    private static partial Regex Words();
}
