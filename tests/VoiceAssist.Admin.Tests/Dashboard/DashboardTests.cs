using Microsoft.Playwright;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Dashboard;

/// <summary>The dashboard in Chromium: an administrator signs in through the page and sees the dependencies, the
/// activity figures and the charts, refreshed without reloading; accessible, within a strict CSP, usable on a phone.</summary>
public sealed class DashboardTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task An_administrator_sees_live_status_and_charts_that_refresh_without_reloading()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin, "Ada Admin");
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin");

        var page = browser.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        var dependencies = page.Locator("[data-status=dependencies] .tile");
        await Assertions.Expect(dependencies).ToHaveCountAsync(3);
        foreach (var name in new[] { "postgresql", "redis", "outbox" })
        {
            await Assertions.Expect(dependencies.Filter(new() { HasText = name })).ToContainTextAsync("Healthy");
        }

        await Assertions.Expect(page.Locator("[data-status=documents]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(4);
        // Nobody has spoken to this host yet: the voice charts are drawn empty and say so; requests have data.
        ILocator Figure(string caption) => page.Locator("figure", new() { Has = page.Locator("figcaption", new() { HasText = caption }) });
        await Assertions.Expect(Figure("Spoken turns per minute").Locator(".chart-empty")).ToBeVisibleAsync();
        await Assertions.Expect(Figure("Spoken turns per minute").Locator(".chart-empty")).ToHaveTextAsync("No data in this period: no spoken turns.");
        await Assertions.Expect(Figure("Spoken turns per minute").Locator("canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(Figure("p95 end of speech to first audio").Locator(".chart-empty")).ToBeVisibleAsync();
        await Assertions.Expect(Figure("Requests per minute").Locator(".chart-empty")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav[aria-label='Console sections'] a[aria-current=page]")).ToHaveTextAsync("Dashboard");
        await browser.Screenshot("dashboard");

        // The figures refresh in place: the time stamp moves on and the request count grows, with no navigation.
        var stamp = await page.Locator("[data-status=at]").TextContentAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await Assertions.Expect(page.Locator("[data-status=at]")).Not.ToHaveTextAsync(stamp!, new() { Timeout = 30_000 });
        navigations.Should().Be(0, "the dashboard refreshes without reloading");

        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
        browser.CspViolations.Should().BeEmpty("the console runs under a strict Content-Security-Policy");
    }

    [Fact]
    public async Task The_dashboard_fits_a_phone_and_is_usable_with_the_keyboard()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output, width: 390);
        await browser.SignIn(admin, "/admin");
        await Assertions.Expect(browser.Page.Locator(".chart canvas")).ToHaveCountAsync(4);

        (await browser.FitsWidth()).Should().BeTrue("nothing scrolls sideways at 390 px");
        await browser.Screenshot("dashboard-phone");

        // The first Tab reaches the skip link, which takes the keyboard past the navigation to the content.
        await browser.Page.Keyboard.PressAsync("Tab");
        (await browser.Page.EvaluateAsync<string>("() => document.activeElement.textContent")).Should().Be("Skip to content");
        await browser.Page.Keyboard.PressAsync("Enter");
        (await browser.Page.EvaluateAsync<string>("() => location.hash")).Should().Be("#main");
        (await browser.Page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("main", "the content has the keyboard focus");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
    }
}
