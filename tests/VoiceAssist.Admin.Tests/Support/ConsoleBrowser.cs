using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Support;

/// <summary>Debian's Chromium on the console: signs in through the voice page's form as a person does (email,
/// password, authenticator code) and comes back to the console page asked for; checks each page with axe-core and
/// for Content-Security-Policy violations; takes the screenshots docs/admin.md shows when
/// <c>VOICEASSIST_SCREENSHOTS</c> names a folder.</summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const int Timeout = 60_000;

    private readonly Chromium chromium;
    private readonly List<string> cspViolations = [];

    private ConsoleBrowser(Chromium chromium, IBrowserContext context, IPage page, Uri root)
    {
        this.chromium = chromium;
        Context = context;
        Page = page;
        Root = root;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Root { get; }

    /// <summary>Content-Security-Policy refusals the browser reported so far (a console page must cause none).</summary>
    public IReadOnlyList<string> CspViolations => cspViolations;

    /// <summary>A new browser on the console at <paramref name="root"/>, its console messages written to <paramref name="output"/>,
    /// <paramref name="width"/> pixels wide (1280 for a desk, 390 for a phone).</summary>
    public static async Task<ConsoleBrowser> Open(Uri root, ITestOutputHelper? output = null, int width = 1280)
    {
        var chromium = await Chromium.Launch();
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        var browser = new ConsoleBrowser(chromium, context, page, root);
        page.Console += (_, message) =>
        {
            output?.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                browser.cspViolations.Add(message.Text);
            }
        };
        return browser;
    }

    public Uri Url(string path) => new(Root, path);

    /// <summary>Opens <paramref name="path"/> signed out, is sent to the page's sign-in, signs in there and lands back on
    /// <paramref name="path"/>.</summary>
    public async Task SignIn(BrowserAccount account, string path = "/admin")
    {
        ArgumentNullException.ThrowIfNull(account);
        await Page.GotoAsync(Url(path).ToString());
        var dialog = Page.Locator("#sign-in");
        await dialog.Locator("input[name=email]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await dialog.GetByLabel("Email").FillAsync(account.Email);
        await dialog.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        if (account.CurrentCode() is { } code)
        {
            await dialog.GetByLabel("Authenticator code").FillAsync(code);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(path.Split('?')[0], StringComparison.Ordinal));
    }

    /// <summary>Loads a console page and returns its HTTP status.</summary>
    public async Task<int> Open(string path)
    {
        var response = await Page.GotoAsync(Url(path).ToString());
        return response?.Status ?? 0;
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now (none is the bar).</summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityViolations()
    {
        var result = await Page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }

    /// <summary>Whether the page fits the viewport's width without scrolling sideways.</summary>
    public async Task<bool> FitsWidth() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");

    /// <summary>Saves a full-page screenshot as <c>&lt;name&gt;.png</c> in the folder <c>VOICEASSIST_SCREENSHOTS</c> names.</summary>
    public async Task Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("VOICEASSIST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await chromium.DisposeAsync();
    }
}
