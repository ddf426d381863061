using Microsoft.Playwright;

namespace VoiceAssist.Testing.Browsers;

/// <summary>Debian's Chromium driven by Playwright: the machine's own browser (never a downloaded one), headless,
/// with whatever switches a test needs (for example a fake microphone playing a WAV file).</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> Launch(params string[] arguments)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", .. arguments],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Chromium's switches for a microphone that plays <paramref name="wavePath"/> once (then silence) and is
    /// granted without a prompt.</summary>
    public static string[] FakeMicrophone(string wavePath) =>
        ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-audio-capture={wavePath}%noloop"];

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
