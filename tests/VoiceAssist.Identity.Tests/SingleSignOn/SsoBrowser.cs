using System.Text.Json;
using Microsoft.Playwright;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>The machine's Chromium, headless, driven through a provider sign-in the way a clinician would.</summary>
public sealed class SsoBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private SsoBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<SsoBrowser> Launch()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
        return new SsoBrowser(playwright, browser, await browser.NewContextAsync());
    }

    /// <summary>Opens <paramref name="start"/> and answers the provider's login and consent pages until the browser
    /// reaches a URL starting with <paramref name="landing"/>; returns the page there.</summary>
    public async Task<IPage> SignIn(string start, string landing, string login, string password = "any password")
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(start);
        await AnswerProvider(page, landing, login, password);
        return page;
    }

    /// <summary>Answers the provider's login and consent pages until <paramref name="page"/> reaches <paramref name="landing"/>.</summary>
    public static async Task AnswerProvider(IPage page, string landing, string login, string password = "any password")
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var step = 0; step < 6 && !page.Url.StartsWith(landing, StringComparison.Ordinal); step++)
        {
            if (await page.Locator("input[name=login]").CountAsync() > 0)
            {
                await page.FillAsync("input[name=login]", login);
                await page.FillAsync("input[name=password]", password);
            }

            // The click waits for the navigation it starts; the next step needs the document, not every resource of
            // it (the voice page, where this ends, goes on loading its speech models).
            await page.ClickAsync("button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 60_000 });
        }

        page.Url.Should().StartWith(landing, await page.ContentAsync());
    }

    public static async Task<JsonElement> JsonOf(IPage page) =>
        JsonDocument.Parse(await page.InnerTextAsync("body")).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
