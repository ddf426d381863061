using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Browsers;

namespace VoiceAssist.Benchmarks.Console;

/// <summary>The console's pages as the host maps them, and an administrator's console session.</summary>
internal static class ConsolePages
{
    /// <summary>Every console page the host maps that needs no route value.</summary>
    public static IReadOnlyList<string> Discover(VoiceAssistFactory factory)
    {
        _ = factory.Server;
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(path => path.StartsWith("/admin", StringComparison.Ordinal) && !path.Contains('{', StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The audit log under the filters and depths an auditor uses, when the host has the page.</summary>
    public static IEnumerable<(string Name, string Path)> AuditVariants(IReadOnlyList<string> pages, string deepCursor, string actor, string correlation,
        string from, string to, long entryId) =>
        !pages.Contains("/admin/audit")
            ? []
            :
            [
                ("page /admin/audit, middle page (keyset)", $"/admin/audit?after={deepCursor}"),
                ("page /admin/audit, action", "/admin/audit?action=identity.user.role_changed"),
                ("page /admin/audit, action prefix", "/admin/audit?action=identity.*"),
                ("page /admin/audit, actor", $"/admin/audit?actor={actor}"),
                ("page /admin/audit, outcome", "/admin/audit?outcome=forbidden"),
                ("page /admin/audit, correlation id", $"/admin/audit?correlation={correlation}"),
                ("page /admin/audit, 10 days", $"/admin/audit?from={from}&to={to}"),
                ("page /admin/audit/{id}", $"/admin/audit/{entryId}"),
            ];

    /// <summary>The users and knowledge base lists under the searches, filters and pages an administrator uses, when the
    /// host has the pages; <paramref name="knowledgeNextPage"/> is the list's own "Next page" link (keyset).</summary>
    public static IEnumerable<(string Name, string Path)> ListVariants(IReadOnlyList<string> pages, string? knowledgeNextPage) =>
    [
        .. pages.Contains("/admin/users")
            ? new[]
            {
                ("page /admin/users, search by email", "/admin/users?search=user4242%40bench.example"),
                ("page /admin/users, search by name (1,111 matches)", "/admin/users?search=Bench%20User%209"),
                ("page /admin/users, role auditor", "/admin/users?role=auditor"),
                ("page /admin/users, page 100", "/admin/users?p=100"),
            }
            : [],
        .. pages.Contains("/admin/knowledge")
            ? new[]
            {
                ("page /admin/knowledge, title search", "/admin/knowledge?q=Bench%20guideline%204242"),
                ("page /admin/knowledge, status ready", "/admin/knowledge?status=ready"),
            }
            : [],
        .. pages.Contains("/admin/knowledge") && knowledgeNextPage is not null ? new[] { ("page /admin/knowledge, next page (keyset)", knowledgeNextPage) } : [],
    ];

    /// <summary>The "Next page" link of a list page as the browser would follow it, or null when there is none.</summary>
    public static async Task<string?> NextPageLink(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(?<href>[^\"]+)\" rel=\"next\"");
        return link.Success ? System.Net.WebUtility.HtmlDecode(link.Groups["href"].Value) : null;
    }

    /// <summary>Signs in through the page's sign-in (password and authenticator code) and returns a client that carries
    /// the console's session cookie, as a browser would.</summary>
    public static async Task<HttpClient> SignIn(VoiceAssistFactory factory, BrowserAccount account)
    {
        // No redirects followed: a page that answers anything but 200 (a sign-in redirect, a 403) fails the run.
        // The session cookie is carried by hand, as a browser sends it back.
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/identity/session", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = account.Email, password = account.Password, code = account.CurrentCode() }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.Contains("voiceassist-session", StringComparison.Ordinal)) : null;
        if (status != "signed_in" || cookie is null)
        {
            throw new InvalidOperationException($"The console sign-in answered {status} without a session cookie.");
        }

        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
