using System.Net;
using Microsoft.Playwright;
using VoiceAssist.Admin.Tests.Support;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing.Browsers;
using Xunit.Abstractions;

namespace VoiceAssist.Admin.Tests.Console;

/// <summary>Who gets into the console: a signed-out browser is sent to the page's sign-in and back; a clinician gets
/// 403; an auditor gets the audit pages only; every console response carries the strict Content-Security-Policy; the
/// console's sign-out ends the session.</summary>
public sealed class ConsoleAccessTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_signed_out_request_is_sent_to_the_sign_in_with_the_way_back()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Root };
        var response = await client.GetAsync(new Uri("/admin?range=day", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/?next=%2Fadmin%3Frange%3Dday");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.NotContain("unsafe-inline");

        var background = new HttpRequestMessage(HttpMethod.Get, "/admin?handler=Status");
        background.Headers.Add(PageSessionAuthentication.BackgroundRequestHeader, "1");
        (await client.SendAsync(background)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a script's refresh is not redirected");
    }

    [Fact]
    public async Task A_clinician_is_refused_with_403()
    {
        var clinician = await host.CreateBrowserAccount(Roles.Clinician, withMfa: false);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(clinician, "/admin");
        var status = await browser.Open("/admin");
        status.Should().Be(403);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        (await browser.SeriousAccessibilityViolations()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_auditor_sees_only_the_audit_section_and_is_refused_elsewhere()
    {
        var auditor = await host.CreateBrowserAccount(Roles.Auditor);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(auditor, "/admin");
        browser.Page.Url.Should().EndWith("/admin/audit", "an auditor's console starts at the audit log");
        (await browser.Page.Locator("nav[aria-label='Console sections'] a").AllTextContentsAsync()).Should().Equal("Audit log");
        (await browser.Open("/admin?handler=Status")).Should().Be(403);
    }

    [Fact]
    public async Task Signing_out_of_the_console_ends_the_session()
    {
        var admin = await host.CreateBrowserAccount(Roles.Admin);
        await using var browser = await ConsoleBrowser.Open(host.Root, output);
        await browser.SignIn(admin, "/admin");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await browser.Page.GotoAsync(browser.Url("/admin").ToString());
        await browser.Page.WaitForURLAsync(url => new Uri(url).Query.Contains("next=%2Fadmin", StringComparison.Ordinal));
    }
}
