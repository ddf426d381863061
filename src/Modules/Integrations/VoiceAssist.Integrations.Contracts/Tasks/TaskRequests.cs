using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Integrations.Contracts.Calendar;

namespace VoiceAssist.Integrations.Contracts.Tasks;

/// <summary>The owner's open tasks (VTODO on their linked CalDAV calendar, as Nextcloud Tasks keeps them): not completed
/// and not cancelled, those with a due time first, earliest first.</summary>
public sealed record ListOpenTasks(string OwnerId) : IQuery<TaskList>;

/// <summary><c>Status</c> is one of <see cref="CalendarStatuses"/>; <c>Unreadable</c> counts stored objects that
/// could not be read (left untouched).</summary>
public sealed record TaskList(string Status, string? Problem, string TimeZone, IReadOnlyList<TaskView> Tasks, int Unreadable = 0);

public sealed record TaskView(string Id, string Summary, DateTimeOffset? Due, bool Completed);

/// <summary>Adds a task on the owner's calendar server (not a database command: no transaction spans the call).</summary>
public sealed record AddTask(string OwnerId, string Summary, DateTimeOffset? Due) : IRequest<TaskChange>;

/// <summary>Marks a task completed, if it is still the version read.</summary>
public sealed record CompleteTask(string OwnerId, string TaskId) : IRequest<TaskChange>;

public sealed record TaskChange(string Status, string? Problem, TaskView? Task);
