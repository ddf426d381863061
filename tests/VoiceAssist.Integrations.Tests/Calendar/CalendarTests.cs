using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Integrations.Contracts.Calendar;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Integrations;

namespace VoiceAssist.Integrations.Tests.Calendar;

/// <summary>The calendar contracts against a real Radicale: time zones, all-day events, a weekly series with an
/// excluded date and a moved occurrence, changes written back, and failures that say what happened.</summary>
public sealed class CalendarTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public async Task Events_of_a_day_come_in_the_owners_zone_with_all_day_events_and_a_series_expanded_around_its_exceptions()
    {
        var (owner, calendar) = await Linked();
        // Friday 26 March 2027 is the last day of GMT; the clocks go forward on Sunday 28 March.
        await calendar.Put("ward-round", CalendarFixtures.Event("ward-round", "Ward round", "20270326T090000", "20270326T100000"));
        await calendar.Put("teaching", CalendarFixtures.AllDay("teaching", "Teaching day", "20270326", "20270327"));
        await calendar.Put("mdt", CalendarFixtures.Event("mdt", "Renal MDT", "20270305T140000", "20270305T150000",
            "RRULE:FREQ=WEEKLY;BYDAY=FR\nEXDATE;TZID=Europe/London:20270319T140000"));
        await calendar.Put("other-day", CalendarFixtures.Event("other-day", "Audit meeting", "20270325T110000", "20270325T120000"));

        var friday = await List(owner, Local(2027, 3, 26, 0), Local(2027, 3, 27, 0));
        var previousFriday = await List(owner, Local(2027, 3, 19, 0), Local(2027, 3, 20, 0));
        var fridayAfterTheChange = await List(owner, Local(2027, 4, 2, 0), Local(2027, 4, 3, 0));

        friday.Status.Should().Be(CalendarStatuses.Ok);
        friday.TimeZone.Should().Be("Europe/London");
        friday.Events.Select(e => e.Summary).Should().Equal("Teaching day", "Ward round", "Renal MDT");
        friday.Events[0].AllDay.Should().BeTrue();
        friday.Events[0].Start.Should().Be(Local(2027, 3, 26, 0));
        friday.Events[1].Start.Should().Be(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero));
        friday.Events[2].Recurring.Should().BeTrue();
        previousFriday.Events.Should().BeEmpty("19 March is excluded from the series");
        var mdt = fridayAfterTheChange.Events.Should().ContainSingle().Subject;
        mdt.Start.Should().Be(new DateTimeOffset(2027, 4, 2, 14, 0, 0, TimeSpan.FromHours(1)), "the series keeps 2 pm London time in summer time");
        mdt.Start.UtcDateTime.Hour.Should().Be(13);
    }

    [Fact]
    public async Task A_moved_occurrence_of_a_series_is_shown_at_its_new_time()
    {
        var (owner, calendar) = await Linked();
        await calendar.Put("clinic", CalendarFixtures.Event("clinic", "Renal clinic", "20270301T100000", "20270301T120000",
            "RRULE:FREQ=DAILY;COUNT=10\nEND:VEVENT\nBEGIN:VEVENT\nUID:clinic\nDTSTAMP:20270101T000000Z\nRECURRENCE-ID;TZID=Europe/London:20270303T100000\nSUMMARY:Renal clinic (late start)\nDTSTART;TZID=Europe/London:20270303T130000\nDTEND;TZID=Europe/London:20270303T150000"));

        var day = await List(owner, Local(2027, 3, 3, 0), Local(2027, 3, 4, 0));

        var clinic = day.Events.Should().ContainSingle().Subject;
        clinic.Summary.Should().Be("Renal clinic (late start)");
        clinic.Start.Should().Be(Local(2027, 3, 3, 13));
    }

    [Fact]
    public async Task A_scheduled_meeting_is_stored_in_the_owners_zone_and_can_be_moved_and_cancelled()
    {
        var (owner, calendar) = await Linked();

        var scheduled = await Send(new ScheduleCalendarEvent(owner.Id.ToString(), "Meeting with the renal team", Local(2027, 3, 29, 15), Local(2027, 3, 29, 15, 30)));

        scheduled.Status.Should().Be(CalendarStatuses.Ok, scheduled.Problem);
        var stored = await calendar.Get((await calendar.List()).Should().ContainSingle().Subject);
        stored.Should().Contain("SUMMARY:Meeting with the renal team").And.Contain("DTSTART;TZID=Europe/London:20270329T150000").And.Contain("BEGIN:VTIMEZONE");

        var moved = await Send(new MoveCalendarEvent(owner.Id.ToString(), scheduled.Event!.Id, Local(2027, 3, 29, 17)));
        moved.Status.Should().Be(CalendarStatuses.Ok, moved.Problem);
        moved.Event!.End.Should().Be(Local(2027, 3, 29, 17, 30), "a move keeps the length");
        (await List(owner, Local(2027, 3, 29, 0), Local(2027, 3, 30, 0))).Events.Should().ContainSingle().Which.Start.Should().Be(Local(2027, 3, 29, 17));

        var cancelled = await Send(new CancelCalendarEvent(owner.Id.ToString(), moved.Event.Id));
        cancelled.Status.Should().Be(CalendarStatuses.Ok, cancelled.Problem);
        (await calendar.List()).Should().BeEmpty();
    }

    [Fact]
    public async Task Moving_or_cancelling_one_occurrence_of_a_series_leaves_the_rest_of_the_series()
    {
        var (owner, calendar) = await Linked();
        await calendar.Put("huddle", CalendarFixtures.Event("huddle", "Safety huddle", "20270405T160000", "20270405T161500", "RRULE:FREQ=DAILY;COUNT=5"));
        var tuesday = (await List(owner, Local(2027, 4, 6, 0), Local(2027, 4, 7, 0))).Events.Single();
        var wednesday = (await List(owner, Local(2027, 4, 7, 0), Local(2027, 4, 8, 0))).Events.Single();

        (await Send(new MoveCalendarEvent(owner.Id.ToString(), tuesday.Id, Local(2027, 4, 6, 17)))).Status.Should().Be(CalendarStatuses.Ok);
        (await Send(new CancelCalendarEvent(owner.Id.ToString(), wednesday.Id))).Status.Should().Be(CalendarStatuses.Ok);

        var week = await List(owner, Local(2027, 4, 5, 0), Local(2027, 4, 10, 0));
        week.Events.Select(e => e.Start).Should().Equal(Local(2027, 4, 5, 16), Local(2027, 4, 6, 17), Local(2027, 4, 8, 16), Local(2027, 4, 9, 16));
        week.Events[1].End.Should().Be(Local(2027, 4, 6, 17, 15));
        var stored = await calendar.Get("huddle.ics");
        stored.Should().Contain("RECURRENCE-ID;TZID=Europe/London:20270406T160000").And.Contain("EXDATE;TZID=Europe/London:20270407T160000");
    }

    [Fact]
    public async Task A_malformed_object_is_counted_and_skipped_and_the_others_are_listed()
    {
        var (owner, calendar) = await Linked();
        await calendar.Put("good", CalendarFixtures.Event("good", "Journal club", "20270412T120000", "20270412T130000"));
        var broken = CalendarFixtures.Event("broken", "Broken", "20270412T140000", "20270412T150000").Replace("DTSTART;TZID=Europe/London:20270412T140000", "DTSTART;TZID=Europe/London:2027-04-12 two o'clock", StringComparison.Ordinal);
        try
        {
            await calendar.Put("broken", broken);
        }
        catch (InvalidOperationException)
        {
            // The server refused to store it; then there is nothing malformed to skip, and the test still checks the rest.
        }

        var day = await List(owner, Local(2027, 4, 12, 0), Local(2027, 4, 13, 0));

        day.Status.Should().Be(CalendarStatuses.Ok);
        day.Events.Select(e => e.Summary).Should().Contain("Journal club");
    }

    [Fact]
    public async Task A_wrong_password_is_reported_in_words_and_shown_on_the_link()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var calendar = await LocalRadicale.Shared.CreateUser();
        await owner.LinkCalendar(calendar.CalendarUrl, calendar.UserName, "not-the-password");

        var result = await List(owner, Local(2027, 4, 12, 0), Local(2027, 4, 13, 0));

        result.Status.Should().Be(CalendarStatuses.Unauthorized);
        result.Problem.Should().Contain("refused the user name or app password");
        var links = await owner.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts");
        links[0].GetProperty("lastError").GetString().Should().Contain("refused");
    }

    [Fact]
    public async Task A_server_that_is_down_is_reported_and_does_not_stop_another_users_calendar()
    {
        var unlucky = await factory.CreateSignedInUser(Roles.Clinician);
        await unlucky.LinkCalendar($"http://127.0.0.1:{LocalProcess.FreePort()}/nobody/calendar/", "nobody", "pw");
        var (owner, calendar) = await Linked();
        await calendar.Put("ward-round", CalendarFixtures.Event("ward-round", "Ward round", "20270413T090000", "20270413T100000"));

        // Enough failures to open a shared circuit breaker several times over.
        for (var i = 0; i < 6; i++)
        {
            var down = await List(unlucky, Local(2027, 4, 13, 0), Local(2027, 4, 14, 0));
            down.Status.Should().Be(CalendarStatuses.Unavailable);
            down.Problem.Should().Contain("can't be reached");
        }

        var working = await List(owner, Local(2027, 4, 13, 0), Local(2027, 4, 14, 0));
        working.Status.Should().Be(CalendarStatuses.Ok, working.Problem);
        working.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task A_made_up_event_id_changes_nothing()
    {
        var (owner, calendar) = await Linked();
        await calendar.Put("keep", CalendarFixtures.Event("keep", "Keep me", "20270414T090000", "20270414T100000"));
        var otherServer = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("http://127.0.0.1:1/other/calendar/x.ics\n")).TrimEnd('=');

        (await Send(new CancelCalendarEvent(owner.Id.ToString(), otherServer))).Status.Should().Be(CalendarStatuses.Gone);
        (await Send(new CancelCalendarEvent(owner.Id.ToString(), "not an id"))).Status.Should().Be(CalendarStatuses.Gone);

        (await calendar.List()).Should().ContainSingle();
    }

    [Fact]
    public async Task Without_a_linked_calendar_the_answer_says_how_to_link_one()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);

        var result = await List(owner, Local(2027, 4, 12, 0), Local(2027, 4, 13, 0));

        result.Status.Should().Be(CalendarStatuses.NotLinked);
        result.Problem.Should().Contain("Settings");
    }

    private async Task<(SignedInUser Owner, RadicaleUser Calendar)> Linked()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var calendar = await LocalRadicale.Shared.CreateUser();
        await owner.LinkCalendar(calendar.CalendarUrl, calendar.UserName, calendar.Password);
        return (owner, calendar);
    }

    private Task<CalendarEvents> List(SignedInUser owner, DateTimeOffset from, DateTimeOffset to) =>
        Send(new ListCalendarEvents(owner.Id.ToString(), from, to));

    private async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    internal static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }
}
