using System.Net;
using System.Net.Http.Json;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Integrations;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>Tasks by voice against a real Radicale (VTODO on the linked calendar): list, add with a due time in the
/// owner's zone, mark done by its words.</summary>
public sealed class TaskDialogueTests(CalendarConversationFactory factory) : IClassFixture<CalendarConversationFactory>
{
    [Fact]
    public async Task A_reminder_is_added_with_its_due_time_listed_and_marked_done_by_its_words()
    {
        var (chat, calendar) = await Linked();
        await calendar.Put("discharge", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Tests//EN
            BEGIN:VTODO
            UID:discharge
            DTSTAMP:20270101T000000Z
            SUMMARY:Write the discharge summary for bed 4
            STATUS:NEEDS-ACTION
            END:VTODO
            END:VCALENDAR
            """);
        await calendar.Put("done-already", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Tests//EN
            BEGIN:VTODO
            UID:done-already
            DTSTAMP:20270101T000000Z
            SUMMARY:Order the bloods
            STATUS:COMPLETED
            COMPLETED:20270326T120000Z
            END:VTODO
            END:VCALENDAR
            """);

        var added = await chat.Say("Remind me to call the lab about bed 12's potassium by 5 pm");

        added.Intent.Should().Be("tasks");
        added.Reply.Should().Be("Added to your tasks: Call the lab about bed 12's potassium, due Saturday 27 March at 5 pm.");
        var stored = string.Join("\n", await Task.WhenAll((await calendar.List()).Select(calendar.Get)));
        stored.Should().Contain("SUMMARY:Call the lab about bed 12's potassium").And.Contain("DUE;TZID=Europe/London:20270327T170000");

        var open = await chat.Say("What are my open tasks?");
        open.Reply.Should().Be("You have 2 open tasks: Call the lab about bed 12's potassium, due Saturday 27 March at 5 pm; Write the discharge summary for bed 4.");

        var done = await chat.Say("Mark the lab call done");
        done.Reply.Should().Be("Marked done: Call the lab about bed 12's potassium.");
        (await chat.Say("What are my open tasks?")).Reply.Should().Be("You have one open task: Write the discharge summary for bed 4.");
        string.Join("\n", await Task.WhenAll((await calendar.List()).Select(calendar.Get))).Should().Contain("STATUS:COMPLETED").And.Contain("PERCENT-COMPLETE:100");
    }

    [Fact]
    public async Task Marking_done_a_task_that_is_not_there_changes_nothing()
    {
        var (chat, _) = await Linked();
        await chat.Say("Remind me to review the CT report by tomorrow at 9");

        var turn = await chat.Say("Mark the lab call done");

        turn.Reply.Should().StartWith("I can't find an open task like that.");
        (await chat.Say("What are my open tasks?")).Reply.Should().Be("You have one open task: Review the CT report, due Sunday 28 March at 9 am.");
    }

    private async Task<(Chat Chat, RadicaleUser Calendar)> Linked()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var calendar = await LocalRadicale.Shared.CreateUser();
        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts",
            new { kind = "calendar", serverUrl = calendar.CalendarUrl, userName = calendar.UserName, password = calendar.Password, timeZone = "Europe/London" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await Chat.Start(owner.Client), calendar);
    }
}
