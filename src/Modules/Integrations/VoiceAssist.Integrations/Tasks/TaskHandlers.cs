using FluentValidation;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Integrations.Calendar;
using VoiceAssist.Integrations.Contracts.Calendar;
using VoiceAssist.Integrations.Contracts.Tasks;
using IcalCalendar = Ical.Net.Calendar;

namespace VoiceAssist.Integrations.Tasks;

internal sealed class AddTaskValidator : AbstractValidator<AddTask>
{
    public AddTaskValidator() => RuleFor(t => t.Summary).NotEmpty().MaximumLength(500);
}

/// <summary>Tasks as VTODO objects in the owner's linked CalDAV calendar: listed with <c>calendar-query</c> on VTODO,
/// added with <c>If-None-Match: *</c>, completed (STATUS, COMPLETED, PERCENT-COMPLETE) with <c>If-Match</c>.</summary>
internal sealed class TaskHandlers(CalendarAccounts accounts, CalDavClient calDav, TimeProvider time)
    : IRequestHandler<ListOpenTasks, TaskList>, IRequestHandler<AddTask, TaskChange>, IRequestHandler<CompleteTask, TaskChange>
{
    private const string NotLinked = "You haven't linked a calendar yet: tasks are kept on it. Add it under Settings, Linked accounts.";

    public async Task<TaskList> Handle(ListOpenTasks request, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(request.OwnerId, cancellationToken);
        if (account is null)
        {
            return new TaskList(CalendarStatuses.NotLinked, NotLinked, zone.Id, []);
        }

        IReadOnlyList<CalendarObject> objects;
        try
        {
            objects = await calDav.Query(CalendarAccounts.Connection(account), "VTODO", null, null, cancellationToken);
        }
        catch (CalendarServerException failure)
        {
            await accounts.Record(account, failure.Message, cancellationToken);
            return new TaskList(failure.Status, failure.Message, zone.Id, []);
        }

        var tasks = new List<TaskView>();
        var unreadable = 0;
        foreach (var stored in objects)
        {
            if (CalendarObjects.TryLoad(stored.Data) is not { } calendar)
            {
                unreadable++;
                continue;
            }

            tasks.AddRange(calendar.Todos.Where(t => t.RecurrenceIdentifier is null && !IsDone(t)).Select(t => View(stored.Href, t, zone)));
        }

        await accounts.Record(account, null, cancellationToken);
        return new TaskList(CalendarStatuses.Ok, null, zone.Id,
            [.. tasks.OrderBy(t => t.Due is null).ThenBy(t => t.Due).ThenBy(t => t.Summary, StringComparer.Ordinal)], unreadable);
    }

    public async Task<TaskChange> Handle(AddTask request, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(request.OwnerId, cancellationToken);
        if (account is null)
        {
            return new TaskChange(CalendarStatuses.NotLinked, NotLinked, null);
        }

        var calendar = new IcalCalendar { ProductId = "-//VoiceAssist//Integrations//EN" };
        var todo = new Todo
        {
            Uid = $"{Guid.NewGuid():N}@voiceassist",
            Summary = request.Summary.Trim(),
            Status = "NEEDS-ACTION",
            DtStamp = new CalDateTime(time.GetUtcNow().UtcDateTime, "UTC"),
        };
        if (request.Due is { } due)
        {
            calendar.AddTimeZone(zone.Id);
            todo.Due = new CalDateTime(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(due, zone).DateTime, DateTimeKind.Unspecified), zone.Id);
        }

        calendar.Todos.Add(todo);
        var connection = CalendarAccounts.Connection(account);
        var href = new Uri(connection.CalendarUrl, Uri.EscapeDataString(todo.Uid) + ".ics");
        try
        {
            await calDav.Put(connection, href, new CalendarSerializer().SerializeToString(calendar) ?? string.Empty, etag: null, cancellationToken);
        }
        catch (CalendarServerException failure)
        {
            await accounts.Record(account, failure.Message, cancellationToken);
            return new TaskChange(failure.Status, failure.Message, null);
        }

        await accounts.Record(account, null, cancellationToken);
        return new TaskChange(CalendarStatuses.Ok, null, View(href, todo, zone));
    }

    public async Task<TaskChange> Handle(CompleteTask request, CancellationToken cancellationToken)
    {
        var (account, zone) = await accounts.Find(request.OwnerId, cancellationToken);
        if (account is null)
        {
            return new TaskChange(CalendarStatuses.NotLinked, NotLinked, null);
        }

        var connection = CalendarAccounts.Connection(account);
        if (!EventIds.TryParse(request.TaskId, out var href, out _) || href.GetLeftPart(UriPartial.Authority) != connection.CalendarUrl.GetLeftPart(UriPartial.Authority)
            || !href.AbsolutePath.StartsWith(connection.CalendarUrl.AbsolutePath, StringComparison.Ordinal))
        {
            return new TaskChange(CalendarStatuses.Gone, "That task is not on your list; nothing was changed.", null);
        }

        try
        {
            var stored = await calDav.Get(connection, href, cancellationToken);
            var calendar = CalendarObjects.TryLoad(stored.Data)
                ?? throw new CalendarServerException(CalendarStatuses.Gone, "That task can't be read (it is not valid iCalendar), so it was left as it is.");
            var todo = calendar.Todos.FirstOrDefault(t => t.RecurrenceIdentifier is null)
                ?? throw new CalendarServerException(CalendarStatuses.Gone, "That task is no longer on your list; nothing was changed.");
            var now = new CalDateTime(time.GetUtcNow().UtcDateTime, "UTC");
            todo.Status = "COMPLETED";
            todo.Completed = now;
            todo.PercentComplete = 100;
            todo.DtStamp = now;
            todo.Sequence++;
            await calDav.Put(connection, href, new CalendarSerializer().SerializeToString(calendar) ?? string.Empty, stored.ETag, cancellationToken);
            await accounts.Record(account, null, cancellationToken);
            return new TaskChange(CalendarStatuses.Ok, null, View(href, todo, zone));
        }
        catch (CalendarServerException failure)
        {
            if (failure.Status != CalendarStatuses.Gone)
            {
                await accounts.Record(account, failure.Message, cancellationToken);
            }

            return new TaskChange(failure.Status, failure.Message, null);
        }
    }

    private static bool IsDone(Todo todo) =>
        todo.Completed is not null || string.Equals(todo.Status, "COMPLETED", StringComparison.OrdinalIgnoreCase) || todo.IsCancelled;

    private static TaskView View(Uri href, Todo todo, TimeZoneInfo zone)
    {
        DateTimeOffset? due = todo.Due is { } d
            ? d.HasTime ? TimeZoneInfo.ConvertTime(new DateTimeOffset(d.AsUtc, TimeSpan.Zero), zone) : EndOfDay(d.Date, zone)
            : null;
        return new TaskView(EventIds.Of(href, null), string.IsNullOrWhiteSpace(todo.Summary) ? "(no title)" : todo.Summary.Trim(), due, IsDone(todo));
    }

    private static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
