using System.Globalization;
using Microsoft.Playwright;
using VoiceAssist.Testing.Browsers;
using VoiceAssist.Testing.Integrations;

namespace VoiceAssist.Voice.BrowserTests;

/// <summary>The live host with linked servers allowed on loopback, where the test Radicale listens.</summary>
public sealed class CalendarLiveHost : LiveHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Integrations:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
    };
}

/// <summary>A calendar question on the voice page: the calendar is linked in the page's settings, the question typed,
/// and the answer comes with an events card.</summary>
public sealed class CalendarPageTests(CalendarLiveHost host) : IClassFixture<CalendarLiveHost>
{
    private const int Minute = 60_000;

    [Fact]
    public async Task The_next_meeting_is_answered_with_an_events_card_after_linking_the_calendar_in_settings()
    {
        var calendar = await LocalRadicale.Shared.CreateUser();
        // Two hours from now in London, whatever the time of day the test runs.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(2), london);
        var stamp = start.ToString("yyyyMMdd'T'HHmm'00'", CultureInfo.InvariantCulture);
        var end = start.AddMinutes(30).ToString("yyyyMMdd'T'HHmm'00'", CultureInfo.InvariantCulture);
        await calendar.Put("renal", CalendarFixtures.Event("renal", "Renal team meeting", stamp, end));
        await using var chromium = await Chromium.Launch();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(host.Root.ToString());
        await page.WaitForFunctionAsync("() => window.voiceAssistTest && voiceAssistTest.connected", null, new() { Timeout = Minute });

        await page.GetByText("Linked accounts").ClickAsync();
        await page.GetByLabel("Server address").FillAsync(calendar.CalendarUrl);
        await page.GetByLabel("User name").FillAsync(calendar.UserName);
        await page.GetByLabel("App password").FillAsync(calendar.Password);
        await page.GetByLabel("Time zone").FillAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link", Exact = true }).ClickAsync();
        await page.GetByText("Linked your calendar.").WaitForAsync(new() { Timeout = Minute });
        // The list is read again after the link is made, so it may show the new link a moment after the message.
        await page.Locator("#linked-list").GetByText(calendar.UserName).WaitForAsync(new() { Timeout = Minute });
        (await page.Locator("#linked-list").TextContentAsync()).Should().NotContain(calendar.Password);

        await page.GetByLabel("Type instead").FillAsync("When is my next meeting?");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 1", null, new() { Timeout = Minute });

        var answer = page.Locator("#transcript li.assistant").Last;
        (await answer.Locator(".reply").TextContentAsync()).Should().StartWith("Your next meeting is Renal team meeting");
        var card = answer.GetByRole(AriaRole.Region, new() { Name = "Calendar: Next meeting" });
        (await card.IsVisibleAsync()).Should().BeTrue();
        (await card.Locator("ul.events li").CountAsync()).Should().Be(1);
        (await card.Locator("ul.events li").TextContentAsync()).Should().Contain("Renal team meeting");
    }
}
