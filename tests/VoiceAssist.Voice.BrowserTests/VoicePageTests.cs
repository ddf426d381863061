using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Voice.BrowserTests;

/// <summary>The voice page in Debian's Chromium against the real host: a fake microphone plays questions spoken by
/// flite, the page captures them through getUserMedia and its AudioWorklet, the host answers and the page plays the
/// answer through Web Audio. Which end-of-speech path a turn took (Silero in the page, or the server's energy
/// endpointer) is printed; the assertions hold for either. The page runs under the host's strict
/// Content-Security-Policy: every test fails on a violation the browser reports.</summary>
public sealed class VoicePageTests(LiveHost host, ITestOutputHelper output) : IClassFixture<LiveHost>
{
    private const string Question = "what is the chads vasc score for a seventy five year old man with heart failure";
    private const string SecondQuestion = "what is the chads vasc score for an eighty year old woman with hypertension";
    private const int Minute = 60_000;

    private readonly List<string> cspViolations = [];

    [Theory]
    [InlineData("silero")]
    [InlineData("off")]
    public async Task A_spoken_question_is_captioned_answered_with_its_source_and_played_back(string vad)
    {
        var microphone = SpokenQuestions.Compose(1.0, Question, 4.0);
        await using var chromium = await Chromium.Launch(Chromium.FakeMicrophone(microphone));
        var page = await Open(chromium, vad);

        await page.GetByRole(AriaRole.Button, new() { Name = "Start listening" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 1", null, new() { Timeout = Minute });
        await page.WaitForFunctionAsync("() => voiceAssistTest.playedSamples > 22050", null, new() { Timeout = Minute });

        (await page.Locator("#caption-heard").TextContentAsync()).Should().Contain("chads vasc");
        var answer = page.Locator("#transcript li.assistant").Last;
        (await answer.Locator(".reply").TextContentAsync()).Should().Contain("3 points");
        (await answer.Locator(".calculator-card .value").TextContentAsync()).Should().StartWith("3");
        (await answer.Locator("a[href='https://doi.org/10.1378/chest.09-1584']").CountAsync()).Should().Be(1, "the score's source (Lip et al., Chest 2010) is a link");
        (await page.Locator("#transcript li.you").Last.TextContentAsync()).Should().Contain("heart failure");
        await Report(page);
        await ExpectPath(page, vad);
        NoCspViolations();
    }

    [Theory]
    [InlineData("silero")]
    [InlineData("off")]
    public async Task Speaking_over_the_answer_stops_playback_and_the_new_question_is_answered(string vad)
    {
        var microphone = SpokenQuestions.Compose(1.0, Question, 4.5, SecondQuestion, 5.0);
        await using var chromium = await Chromium.Launch(Chromium.FakeMicrophone(microphone));
        var page = await Open(chromium, vad);

        await page.GetByRole(AriaRole.Button, new() { Name = "Start listening" }).ClickAsync();
        await page.WaitForFunctionAsync("() => voiceAssistTest.bargeIns.length >= 1", null, new() { Timeout = Minute });
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 2", null, new() { Timeout = Minute });

        var bargeIn = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(voiceAssistTest.bargeIns[0])")).RootElement;
        var onset = bargeIn.GetProperty("onsetAt").GetDouble();
        var stopped = bargeIn.GetProperty("stoppedAt").GetDouble();
        var replies = await page.EvaluateAsync<string[]>("() => voiceAssistTest.replies");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"barge-in by {bargeIn.GetProperty("source").GetString()}: speech onset to playback stop {stopped - onset:F0} ms"));
        await Report(page);

        replies[0].Should().Contain("3 points");
        replies[1].Should().Contain("4 points", "an 80-year-old woman with hypertension scores 2 + 1 + 1");
        (stopped - onset).Should().BePositive().And.BeLessThan(5_000, "playback stops soon after speech starts (10x looser than the goal)");
        await ExpectPath(page, vad);
        if (vad == "off")
        {
            bargeIn.GetProperty("source").GetString().Should().Be("server-server", "without Silero the server's endpointer hears the interruption");
        }
    }

    [Fact]
    public async Task After_the_socket_drops_mid_answer_the_page_reconnects_and_the_conversation_continues()
    {
        await using var chromium = await Chromium.Launch();
        var page = await Open(chromium);

        await page.GetByLabel("Type instead").FillAsync("Calculate CHA2DS2-VASc for a patient with hypertension");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.state === 'speaking'", null, new() { Timeout = Minute });
        (await page.Locator("mark.clarifying").Last.TextContentAsync()).Should().Be("How old is the patient?");
        var conversation = await page.EvaluateAsync<string>("() => voiceAssistTest.conversationId");

        await page.EvaluateAsync("() => voiceAssistTest.dropSocket()");
        await page.WaitForFunctionAsync("() => voiceAssistTest.reconnects >= 1 && voiceAssistTest.connected", null, new() { Timeout = Minute });
        await page.GetByLabel("Type instead").FillAsync("72");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 2", null, new() { Timeout = Minute });

        (await page.EvaluateAsync<string>("() => voiceAssistTest.conversationId")).Should().Be(conversation);
        (await page.Locator("mark.clarifying").Last.TextContentAsync()).Should().Be("Is the patient male or female?", "the age answered the question asked before the drop");
        (await page.Locator("#connection").TextContentAsync()).Should().Contain("resumed");
        NoCspViolations();
    }

    [Fact]
    public async Task A_typed_calculator_answer_shows_its_value_with_the_unit_once()
    {
        await using var chromium = await Chromium.Launch();
        var page = await Open(chromium);

        await page.GetByLabel("Type instead").FillAsync("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");
        await page.GetByLabel("Type instead").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => voiceAssistTest.replies.length >= 1", null, new() { Timeout = Minute });

        var card = page.Locator("#transcript li.assistant").Last.Locator(".calculator-card");
        (await card.Locator(".value").TextContentAsync()).Should().Be("4 points (High)");
        (await card.GetAttributeAsync("aria-label")).Should().Contain("result");
        NoCspViolations();
    }

    private void NoCspViolations()
    {
        lock (cspViolations)
        {
            cspViolations.Should().BeEmpty("the page runs under a strict Content-Security-Policy");
        }
    }

    /// <summary>With Silero the page's VAD ran and saw speech (the server's endpointer may still have ended the utterance
    /// first: both run); with it off every utterance was ended by the server.</summary>
    private static async Task ExpectPath(IPage page, string vad)
    {
        if (vad == "off")
        {
            (await page.EvaluateAsync<string[]>("() => voiceAssistTest.endOfSpeech")).Should().OnlyContain(source => source == "server");
            (await page.EvaluateAsync<string[]>("() => voiceAssistTest.vadEvents")).Should().BeEmpty();
        }
        else
        {
            (await page.EvaluateAsync<string>("() => voiceAssistTest.vad")).Should().Be("silero");
            (await page.EvaluateAsync<string[]>("() => voiceAssistTest.vadEvents")).Should().Contain("start");
        }
    }

    private async Task<IPage> Open(Chromium chromium, string vad = "silero")
    {
        var page = await chromium.Browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            output.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (cspViolations)
                {
                    cspViolations.Add(message.Text);
                }
            }
        };
        await page.GotoAsync(new Uri(host.Root, vad == "off" ? "/?vad=off" : "/").ToString());
        await page.WaitForFunctionAsync("() => window.voiceAssistTest && voiceAssistTest.connected", null, new() { Timeout = Minute });
        return page;
    }

    private async Task Report(IPage page) =>
        output.WriteLine("page: " + await page.EvaluateAsync<string>(
            "() => JSON.stringify({ vad: voiceAssistTest.vad, vadStatus: document.getElementById('vad-status').textContent, vadEvents: voiceAssistTest.vadEvents, endOfSpeech: voiceAssistTest.endOfSpeech, playedSamples: voiceAssistTest.playedSamples, bargeIns: voiceAssistTest.bargeIns })"));
}
