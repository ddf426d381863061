using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Integrations;
using VoiceAssist.Voice.Dialogue.Calendar;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>The host with linked servers allowed on loopback (the test Radicale) and the dialogue's clock on Saturday
/// 27 March 2027 at 10:00 in London, the day before the clocks go forward.</summary>
public sealed class CalendarConversationFactory : VoiceAssistFactory
{
    public static readonly DateTimeOffset Now = new(2027, 3, 27, 10, 0, 0, TimeSpan.Zero);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Integrations:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new DialogueClock(new FixedTime(Now))));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Each calendar request by voice or typed, held as a conversation through the real host against a real
/// Radicale: relative days across the change of the clocks, changes read back and made only after a yes.</summary>
public sealed class CalendarDialogueTests(CalendarConversationFactory factory) : IClassFixture<CalendarConversationFactory>
{
    [Fact]
    public async Task This_afternoon_lists_only_the_afternoons_events_in_local_time_with_a_card()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("round", CalendarFixtures.Event("round", "Ward round", "20270327T090000", "20270327T100000"));
        await calendar.Put("handover", CalendarFixtures.Event("handover", "Handover", "20270327T163000", "20270327T170000"));
        await calendar.Put("mdt", CalendarFixtures.Event("mdt", "Renal MDT", "20270327T140000", "20270327T150000"));

        var turn = await chat.Say("What's on my calendar this afternoon?");

        turn.Intent.Should().Be("calendar");
        turn.Reply.Should().Be("This afternoon you have 2 events: 2 pm Renal MDT until 3 pm; 4:30 pm Handover until 5 pm.");
        var card = turn.Json.GetProperty("calendar");
        card.GetProperty("title").GetString().Should().Be("This afternoon");
        card.GetProperty("timeZone").GetString().Should().Be("Europe/London");
        card.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()).Should().Equal("Renal MDT", "Handover");
        card.GetProperty("events")[0].GetProperty("start").GetDateTimeOffset().Should().Be(new DateTimeOffset(2027, 3, 27, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Tomorrow_and_monday_are_read_across_the_change_of_the_clocks_with_all_day_and_recurring_events()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("oncall", CalendarFixtures.AllDay("oncall", "On call", "20270328", "20270329"));
        await calendar.Put("clinic", CalendarFixtures.Event("clinic", "Renal clinic", "20270322T090000", "20270322T120000", "RRULE:FREQ=WEEKLY;BYDAY=MO"));
        await calendar.Put("late", CalendarFixtures.Event("late", "Late Saturday", "20270327T233000", "20270328T000000"));

        var sunday = await chat.Say("What's on my calendar tomorrow?");
        var monday = await chat.Say("and on Monday?");

        sunday.Reply.Should().Be("Tomorrow you have one event: all day, On call.");
        monday.Intent.Should().Be("calendar");
        monday.Reply.Should().Be("On Monday 29 March you have one event: 9 am Renal clinic until noon.");
        monday.Json.GetProperty("calendar").GetProperty("events")[0].GetProperty("start").GetDateTimeOffset()
            .Should().Be(new DateTimeOffset(2027, 3, 29, 8, 0, 0, TimeSpan.Zero), "9 am British Summer Time");
    }

    [Fact]
    public async Task On_friday_means_the_coming_friday()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("audit", CalendarFixtures.Event("audit", "Audit meeting", "20270402T110000", "20270402T120000"));

        var turn = await chat.Say("What's on my calendar on Friday?");

        turn.Reply.Should().Be("On Friday 2 April you have one event: 11 am Audit meeting until noon.");
    }

    [Fact]
    public async Task When_is_my_next_meeting()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("earlier", CalendarFixtures.Event("earlier", "Breakfast meeting", "20270327T080000", "20270327T090000"));
        await calendar.Put("next", CalendarFixtures.Event("next", "Renal team", "20270329T140000", "20270329T150000"));

        var turn = await chat.Say("When is my next meeting?");

        turn.Reply.Should().Be("Your next meeting is Renal team Monday 29 March at 2 pm, until 3 pm.");
    }

    [Fact]
    public async Task A_meeting_is_read_back_made_only_after_yes_and_then_cancelled_with_it()
    {
        var (chat, calendar) = await Linked();

        var readBack = await chat.Say("Schedule a meeting with the renal team tomorrow at 3 for half an hour");

        readBack.Reply.Should().StartWith("Schedule \"Meeting with the renal team\" tomorrow, Sunday 28 March, from 3 pm to 3:30 pm?");
        readBack.ClarifyingQuestion.Should().NotBeNull();
        (await calendar.List()).Should().BeEmpty("nothing is made before the clinician says yes");

        var done = await chat.Say("yes");

        done.Reply.Should().Be("Scheduled: Meeting with the renal team tomorrow from 3 pm to 3:30 pm.");
        var stored = await calendar.Get((await calendar.List()).Should().ContainSingle().Subject);
        stored.Should().Contain("DTSTART;TZID=Europe/London:20270328T150000").And.Contain("DTEND;TZID=Europe/London:20270328T153000");

        var cancelQuestion = await chat.Say("cancel it");
        cancelQuestion.Reply.Should().StartWith("Cancel \"Meeting with the renal team\" tomorrow at 3 pm?");
        (await calendar.List()).Should().ContainSingle();
        var cancelled = await chat.Say("yes please");
        cancelled.Reply.Should().StartWith("Cancelled: Meeting with the renal team");
        (await calendar.List()).Should().BeEmpty();
    }

    [Fact]
    public async Task Move_my_4_oclock_to_5_after_a_read_back_and_no_leaves_it()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("huddle", CalendarFixtures.Event("huddle", "Safety huddle", "20270327T160000", "20270327T161500"));

        var declined = await chat.Say("Move my 4 o'clock to 5");
        declined.Reply.Should().StartWith("Move \"Safety huddle\" from today at 4 pm to today at 5 pm, until 5:15 pm?");
        (await chat.Say("no")).Reply.Should().Be("OK, I left your calendar as it was.");
        (await calendar.Get("huddle.ics")).Should().Contain("DTSTART;TZID=Europe/London:20270327T160000");

        await chat.Say("Move my 4 o'clock to 5");
        var moved = await chat.Say("yes");

        moved.Reply.Should().Be("Moved: Safety huddle today from 5 pm to 5:15 pm.");
        (await calendar.Get("huddle.ics")).Should().Contain("DTSTART;TZID=Europe/London:20270327T170000");
        (await chat.Say("What's on my calendar this afternoon?")).Reply.Should().Be("This afternoon you have one event: 5 pm Safety huddle until 5:15 pm.");
    }

    [Fact]
    public async Task Moving_one_occurrence_of_a_series_moves_only_that_one()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("huddle", CalendarFixtures.Event("huddle", "Safety huddle", "20270325T160000", "20270325T161500", "RRULE:FREQ=DAILY;COUNT=5"));

        (await chat.Say("move my 4 o'clock to 5")).Reply.Should().Contain("(only this one of the series)");
        (await chat.Say("yes")).Reply.Should().StartWith("Moved: Safety huddle today from 5 pm");
        var tomorrow = await chat.Say("What's on my calendar tomorrow?");

        tomorrow.Reply.Should().Be("Tomorrow you have one event: 4 pm Safety huddle until 4:15 pm.");
    }

    [Fact]
    public async Task A_wrong_password_is_said_plainly()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var calendar = await LocalRadicale.Shared.CreateUser();
        await Link(owner, calendar.CalendarUrl, calendar.UserName, "wrong-password");
        var chat = await Chat.Start(owner.Client);

        var turn = await chat.Say("What's on my calendar today?");

        turn.Intent.Should().Be("calendar");
        turn.Reply.Should().Contain("refused the user name or app password");
        turn.Json.GetProperty("calendar").GetProperty("problem").GetString().Should().Contain("refused");
    }

    [Fact]
    public async Task Without_a_linked_calendar_it_says_how_to_link_one()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var chat = await Chat.Start(owner.Client);

        var turn = await chat.Say("What's on my calendar tomorrow?");

        turn.Intent.Should().Be("calendar");
        turn.Reply.Should().Contain("You haven't linked a calendar yet");
    }

    private async Task<(Chat Chat, RadicaleUser Calendar)> Linked()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var calendar = await LocalRadicale.Shared.CreateUser();
        await Link(owner, calendar.CalendarUrl, calendar.UserName, calendar.Password);
        return (await Chat.Start(owner.Client), calendar);
    }

    private static async Task Link(SignedInUser owner, string url, string userName, string password)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new { kind = "calendar", serverUrl = url, userName, password, timeZone = "Europe/London" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        _ = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
